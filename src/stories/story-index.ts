import type { Story } from '../schemas/index.js';
import type { IndexEntry } from './entry.js';
import { bandKeys, decide, type Candidate } from './placement.js';

/** The story's member with an own date: undated members resolve their relative dates against it. */
export interface StoryDater {
  memberId: string;
  /** YYYY-MM-DD or an ISO datetime. */
  date: string;
  confidence: number;
}

export interface Placement {
  story: Story;
  /** The story's dated member after this placement (this record itself when it is the first dated one). */
  dater: StoryDater | null;
  /** When this record became the story's dater: the undated members placed before it, to be dated now. */
  undated: string[];
}

export interface Lookup {
  /** The story the record was already placed in (a retried job), or null. */
  placed: Story | null;
  /** The member whose normalised body has the record's hash. */
  exact: Candidate | null;
  /** Members sharing any of the record's band keys (newest first, bounded per band). */
  candidates: Candidate[];
  /** When given: the story the record would open (its own id), read and watched with the rest. */
  own?: StoryState;
}

export interface StoryState {
  dater: StoryDater | null;
  /** Members placed without an own date, sorted. */
  undated: string[];
}

/** What placement writes for one record. */
export interface PlacementWrite {
  entry: IndexEntry;
  bands: string[];
  story: Story;
  /** Set when the record becomes its story's dater. */
  dater: StoryDater | null;
}

/**
 * One consistent view of the index around a record: every read is watched, and commit()
 * writes only if nothing read has changed since (else false, and placement starts over).
 */
export interface IndexSession {
  /** Everything placement reads about a record, in one go (one round of reads on Redis). */
  lookup(id: string, bodyHash: string, bands: readonly string[]): Promise<Lookup>;
  story(storyId: string): Promise<StoryState>;
  commit(write: PlacementWrite): Promise<boolean>;
  /** Ends the session; after commit() too. */
  release(): Promise<void>;
}

export interface StoryIndexBackend {
  session(): Promise<IndexSession>;
  /** The members of a story in placement order (within the window). */
  members(storyId: string): Promise<string[]>;
  /** The story's dated member, read outside any placement. */
  dater(storyId: string): Promise<StoryDater | null>;
  close(): Promise<void>;
}

/** Placement tries before giving up (each retry means another worker wrote nearby at the same moment). */
const MAX_ATTEMPTS = 20;

/**
 * The one placement algorithm, over any backend: look up the same text, then the band
 * candidates, decide (pure), and commit atomically; a conflicting write by another worker
 * makes the attempt start over, so two copies placed at once end in one story.
 */
export async function placeEntry(backend: StoryIndexBackend, entry: IndexEntry): Promise<Placement> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const session = await backend.session();
    try {
      const bands = bandKeys(entry.signature);
      const { placed: existing, exact, candidates, own } = await session.lookup(entry.id, entry.bodyHash, bands);
      if (existing) {
        const { dater, undated } = await session.story(existing.id);
        return { story: existing, dater, undated: dater?.memberId === entry.id ? undated : [] };
      }
      const story = decide(entry, exact, exact ? [] : candidates);
      const current = own && story.id === entry.id ? own : await session.story(story.id);
      const becomesDater = entry.date !== null && current.dater === null;
      const dater = becomesDater ? { memberId: entry.id, date: entry.date!, confidence: entry.dateConfidence } : current.dater;
      if (await session.commit({ entry, bands, story, dater: becomesDater ? dater : null })) {
        return { story, dater, undated: becomesDater ? current.undated : [] };
      }
    } finally {
      await session.release();
    }
  }
  throw new Error(`story placement of ${entry.id} conflicted ${MAX_ATTEMPTS} times in a row`);
}

/** Runs one session at a time (the in-memory index, and the Redis one's WATCH connection). */
export class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((done) => (release = done));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}
