import type { CleanRecord } from '../schemas/index.js';
import { entryOf } from './entry.js';
import { MemoryStoryIndex } from './memory-index.js';
import { dateFromStory, withStory } from './story-date.js';
import type { StoryIndexBackend } from './story-index.js';

/**
 * Offline grouping (`scour clean` over many files): places each record in order with the same
 * algorithm the workers run against Redis, and calls `onUpdate` for an earlier record that a
 * later dated member of its story dates. Returns the placed record.
 */
export class StoryGrouper {
  /** Placed records still without a date: a later member may date them. */
  private readonly undated = new Map<string, CleanRecord>();

  constructor(private readonly index: StoryIndexBackend = new MemoryStoryIndex()) {}

  async place(record: CleanRecord, onUpdate: (updated: CleanRecord) => Promise<void> | void): Promise<CleanRecord> {
    const placement = await this.index.place(entryOf(record));
    const placed = withStory(record, placement.story, placement.dater);
    if (placed.date === null) this.undated.set(placed.id, placed);
    for (const id of placement.undated) {
      const earlier = this.undated.get(id);
      const dated = earlier && placement.dater ? dateFromStory(earlier, placement.dater) : null;
      if (!earlier || !dated) continue;
      this.undated.delete(id);
      await onUpdate({ ...earlier, ...dated });
    }
    return placed;
  }
}
