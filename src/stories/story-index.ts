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

export interface StoryState {
  dater: StoryDater | null;
  /** When the record became its story's dater: the members placed before it without an own date, sorted. */
  undated: string[];
}

/** What the index holds around a record, or its placement when the lookup already settled it. */
export type Lookup =
  | {
      /**
       * A retried job's earlier placement, or the record written as the first member of a story
       * of its own because it met no other record (most records): no second step.
       */
      placed: Placement;
    }
  | {
      placed: null;
      /** The member whose normalised body has the record's hash. */
      exact: Candidate | null;
      /** Members sharing any of the record's band keys (newest first, bounded per band). */
      candidates: Candidate[];
      /** What write() must find unchanged (opaque to placement). */
      token: unknown;
    };

/** What placement writes for one record. */
export interface PlacementWrite {
  entry: IndexEntry;
  bands: string[];
  story: Story;
}

export interface StoryIndexBackend {
  /** Everything placement reads about a record, in one atomic step that also writes a record meeting nobody. */
  lookup(entry: IndexEntry, bands: readonly string[]): Promise<Lookup>;
  /**
   * Writes the placement atomically if nothing its lookup read has changed since (null when it
   * has: placement starts over), setting the record as its story's dater when the story has none.
   */
  write(placement: PlacementWrite, token: unknown): Promise<StoryState | null>;
  /** The members of a story in placement order (within the window). */
  members(storyId: string): Promise<string[]>;
  /** The story's dated member, read outside any placement. */
  dater(storyId: string): Promise<StoryDater | null>;
  close(): Promise<void>;
}

/** Placement tries before giving up (each retry means another worker wrote nearby at the same moment). */
const MAX_ATTEMPTS = 20;

/**
 * The one placement algorithm, over any backend: look up the same text and the band
 * candidates (a record that meets none is written by the lookup itself), decide (pure), and
 * write only if the lookup's view still holds; a conflicting write by another worker makes
 * the attempt start over, so two copies placed at once end in one story.
 */
export async function placeEntry(backend: StoryIndexBackend, entry: IndexEntry): Promise<Placement> {
  const bands = bandKeys(entry.signature);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const found = await backend.lookup(entry, bands);
    if (found.placed) return found.placed;
    const story = decide(entry, found.exact, found.exact ? [] : found.candidates);
    const state = await backend.write({ entry, bands, story }, found.token);
    if (state) return { story, ...state };
  }
  throw new Error(`story placement of ${entry.id} conflicted ${MAX_ATTEMPTS} times in a row`);
}

/** The dater a record placed in a story without one becomes, when it has a date of its own. */
export function daterFor(entry: IndexEntry): StoryDater | null {
  return entry.date === null ? null : { memberId: entry.id, date: entry.date, confidence: entry.dateConfidence };
}
