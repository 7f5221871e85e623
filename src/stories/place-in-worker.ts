import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { appendRecordEvent, eventDetailsOf } from '../record-events/index.js';
import { CleanRecord } from '../schemas/index.js';
import type { OutputStore } from '../stores/types.js';
import { entryOf } from './entry.js';
import { dateFromStory, withStory } from './story-date.js';
import type { Placement, StoryIndexBackend } from './story-index.js';

export interface StoryContext {
  stories: StoryIndexBackend;
  output: OutputStore;
  redis: Redis;
  prefix: string;
  logger: Logger;
}

/** Places a record in its story (Redis), dating it from the story where it can: the record to write, and the placement. */
export async function placeRecord(record: CleanRecord, stories: StoryIndexBackend): Promise<{ record: CleanRecord; placement: Placement }> {
  const placement = await stories.place(entryOf(record));
  return { record: withStory(record, placement.story, placement.dater), placement };
}

/**
 * After the record is written: when it became its story's dater, the undated members placed
 * before it are dated now (rewritten in the output store, and announced as `updated` on the stream);
 * when it is still undated, its story is asked once more, since a dated member placed while
 * it was being written may have missed it. Idempotent: a record that has a date is left alone.
 */
export async function settleStoryDates(written: CleanRecord, placement: Placement, ctx: StoryContext): Promise<void> {
  for (const id of placement.undated) {
    if (id !== written.id && placement.dater) await dateStoredRecord(id, ctx, (stored) => dateFromStory(stored, placement.dater!));
  }
  if (written.date === null && written.story) {
    const dater = await ctx.stories.dater(written.story.id);
    if (dater && dateFromStory(written, dater)) await dateStoredRecord(written.id, ctx, (stored) => dateFromStory(stored, dater), false);
  }
}

async function dateStoredRecord(
  id: string,
  ctx: StoryContext,
  date: (stored: CleanRecord) => ReturnType<typeof dateFromStory>,
  announce = true,
): Promise<void> {
  const stored = CleanRecord.safeParse(await ctx.output.read('records', id));
  // Not written yet: its own worker asks the story again after writing it.
  if (!stored.success) return;
  const dated = date(stored.data);
  if (!dated) return;
  const updated = { ...stored.data, ...dated };
  const location = await ctx.output.writeRecord(updated);
  // The event carries the new date, so a follower need not fetch the record to see what changed.
  if (announce) await appendRecordEvent(ctx.redis, ctx.prefix, { id, status: 'updated', store: location.store, ...eventDetailsOf(updated) }, undefined, { counters: { records_updated: 1 } });
  ctx.logger.info({ id, date: dated.date, memberId: dated.dateEvidence?.memberId }, 'record dated from its story');
}
