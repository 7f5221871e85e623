import type { Story } from '../schemas/index.js';
import type { IndexEntry } from './entry.js';
import { bandKeys, decide, type Candidate } from './placement.js';
import { STORY_SETTINGS } from './story-settings.js';
import { daterFor, type Placement, type StoryDater, type StoryIndexBackend, type StoryState } from './story-index.js';

interface Member extends Candidate {
  placed: Story;
}

/** Appends in place: a story of n copies costs n appends, not n copies of a growing list. */
function appendTo(lists: Map<string, string[]>, key: string, id: string): void {
  const list = lists.get(key);
  if (list) list.push(id);
  else lists.set(key, [id]);
}

/** The index in one process's memory: `scour clean` over many files, and tests. No window: a run is short. */
export class MemoryStoryIndex implements StoryIndexBackend {
  private readonly memberById = new Map<string, Member>();
  private readonly exactByHash = new Map<string, string>();
  private readonly bandMembers = new Map<string, string[]>();
  private readonly daters = new Map<string, StoryDater>();
  private readonly undatedByStory = new Map<string, string[]>();
  private readonly membersByStory = new Map<string, string[]>();

  /** Reads, decides and writes with no await in between: atomic within the process. */
  async place(entry: IndexEntry): Promise<Placement> {
    const placed = this.memberById.get(entry.id)?.placed;
    if (placed) {
      const dater = this.daters.get(placed.id) ?? null;
      return { story: placed, dater, undated: dater?.memberId === entry.id ? this.undatedOf(placed.id) : [] };
    }
    const exactId = this.exactByHash.get(entry.bodyHash);
    const exact = exactId === undefined ? null : (this.memberById.get(exactId) ?? null);
    const bands = bandKeys(entry.signature);
    const story = decide(entry, exact, exact ? [] : this.candidates(bands));
    return { story, ...this.put(entry, bands, story) };
  }

  /** The members sharing any of the bands, each once. */
  private candidates(bands: readonly string[]): Member[] {
    const seen = new Set<string>();
    for (const band of bands) for (const member of this.bandMembers.get(band) ?? []) seen.add(member);
    return [...seen].flatMap((member) => this.memberById.get(member) ?? []);
  }

  private put(entry: IndexEntry, bands: readonly string[], story: Story): StoryState {
    this.memberById.set(entry.id, { id: entry.id, story: story.id, signature: entry.signature, shingles: entry.shingles, placed: story });
    if (!this.exactByHash.has(entry.bodyHash)) this.exactByHash.set(entry.bodyHash, entry.id);
    for (const band of bands) {
      const list = this.bandMembers.get(band) ?? [];
      list.unshift(entry.id);
      if (list.length > STORY_SETTINGS.maxPerBand) list.length = STORY_SETTINGS.maxPerBand;
      this.bandMembers.set(band, list);
    }
    appendTo(this.membersByStory, story.id, entry.id);
    const current = this.daters.get(story.id);
    if (current) {
      if (entry.date === null) appendTo(this.undatedByStory, story.id, entry.id);
      return { dater: current, undated: [] };
    }
    const dater = daterFor(entry);
    if (!dater) {
      appendTo(this.undatedByStory, story.id, entry.id);
      return { dater: null, undated: [] };
    }
    this.daters.set(story.id, dater);
    return { dater, undated: this.undatedOf(story.id) };
  }

  private undatedOf(storyId: string): string[] {
    return [...(this.undatedByStory.get(storyId) ?? [])].sort();
  }

  async members(storyId: string): Promise<string[]> {
    return [...(this.membersByStory.get(storyId) ?? [])];
  }

  async dater(storyId: string): Promise<StoryDater | null> {
    return this.daters.get(storyId) ?? null;
  }

  async close(): Promise<void> {}
}
