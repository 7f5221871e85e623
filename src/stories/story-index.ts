import type { Story } from '../schemas/index.js';
import type { IndexEntry } from './entry.js';

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

export interface StoryIndexBackend {
  /**
   * Places a record in one atomic step: reads the member with the same text and the band
   * candidates (placement.ts bandKeys()), decides as placement.ts decide() does, and writes the record into the story
   * decided, setting it as its story's dater when the story has none. Atomic, so two copies
   * placed at once end in one story; a record placed before gets its placement again.
   */
  place(entry: IndexEntry): Promise<Placement>;
  /** The members of a story in placement order (within the window). */
  members(storyId: string): Promise<string[]>;
  /** The story's dated member, read outside any placement. */
  dater(storyId: string): Promise<StoryDater | null>;
  close(): Promise<void>;
}

/** The dater a record placed in a story without one becomes, when it has a date of its own. */
export function daterFor(entry: IndexEntry): StoryDater | null {
  return entry.date === null ? null : { memberId: entry.id, date: entry.date, confidence: entry.dateConfidence };
}
