import type { Story } from '../schemas/index.js';
import type { Candidate } from './placement.js';
import { STORY_SETTINGS } from './story-settings.js';
import { SessionLock, type IndexSession, type PlacementWrite, type StoryDater, type StoryIndexBackend } from './story-index.js';

interface Member extends Candidate {
  placed: Story;
}

/** The index in one process's memory: `scour clean` over many files, and tests. No window: a run is short. */
export class MemoryStoryIndex implements StoryIndexBackend {
  private readonly memberById = new Map<string, Member>();
  private readonly exactByHash = new Map<string, string>();
  private readonly bandMembers = new Map<string, string[]>();
  private readonly daters = new Map<string, StoryDater>();
  private readonly undatedByStory = new Map<string, string[]>();
  private readonly membersByStory = new Map<string, string[]>();
  private readonly lock = new SessionLock();

  async session(): Promise<IndexSession> {
    const release = await this.lock.acquire();
    return {
      lookup: async (id, hash, bands) => {
        const exactId = this.exactByHash.get(hash);
        const seen = new Set<string>();
        for (const band of bands) for (const member of this.bandMembers.get(band) ?? []) seen.add(member);
        return {
          placed: this.memberById.get(id)?.placed ?? null,
          exact: exactId === undefined ? null : (this.memberById.get(exactId) ?? null),
          candidates: [...seen].flatMap((member) => this.memberById.get(member) ?? []),
        };
      },
      story: async (storyId) => ({ dater: this.daters.get(storyId) ?? null, undated: [...(this.undatedByStory.get(storyId) ?? [])] }),
      commit: async (write) => {
        this.write(write);
        return true;
      },
      release: async () => release(),
    };
  }

  private write({ entry, bands, story, dater }: PlacementWrite): void {
    this.memberById.set(entry.id, { id: entry.id, story: story.id, signature: entry.signature, shingles: entry.shingles, placed: story });
    if (!this.exactByHash.has(entry.bodyHash)) this.exactByHash.set(entry.bodyHash, entry.id);
    for (const band of bands) {
      const list = this.bandMembers.get(band) ?? [];
      list.unshift(entry.id);
      if (list.length > STORY_SETTINGS.maxPerBand) list.length = STORY_SETTINGS.maxPerBand;
      this.bandMembers.set(band, list);
    }
    if (dater) this.daters.set(story.id, dater);
    if (entry.date === null) this.undatedByStory.set(story.id, [...(this.undatedByStory.get(story.id) ?? []), entry.id]);
    this.membersByStory.set(story.id, [...(this.membersByStory.get(story.id) ?? []), entry.id]);
  }

  async members(storyId: string): Promise<string[]> {
    return [...(this.membersByStory.get(storyId) ?? [])];
  }

  async dater(storyId: string): Promise<StoryDater | null> {
    return this.daters.get(storyId) ?? null;
  }

  async close(): Promise<void> {}
}
