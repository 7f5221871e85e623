import { Buffer } from 'node:buffer';

/** A character that needs two bytes in a V8 string (above U+00FF). */
const WIDE = /[^\x00-\xff]/g;

/**
 * Slices of a text, as one-byte strings wherever the slice allows. V8 stores a whole string
 * in two bytes per character as soon as one character needs it (a curly quote or a dash is
 * enough), and its slices inherit that; the regexes every line goes through run much
 * slower on such strings (the Unicode-class ones several times slower). A line of a
 * two-byte text that holds no such character is sliced from a one-byte copy of the text
 * instead: the same characters, stored narrow.
 */
export class NarrowLines {
  /** The text in one byte per character (wide characters cut to their low byte), or null when the text has none. */
  private readonly narrow: string | null;
  /** Offset of the next wide character at or after the last slice's start (text.length: none). */
  private nextWide: number;

  constructor(private readonly text: string) {
    this.nextWide = this.wideFrom(0);
    this.narrow = this.nextWide < text.length ? Buffer.from(text, 'latin1').toString('latin1') : null;
  }

  private wideFrom(start: number): number {
    WIDE.lastIndex = start;
    return WIDE.test(this.text) ? WIDE.lastIndex - 1 : this.text.length;
  }

  /** text.slice(start, end), stored narrow when it holds no wide character. Slices must come in order of start. */
  slice(start: number, end: number): string {
    if (this.narrow === null) return this.text.slice(start, end);
    if (this.nextWide < start) this.nextWide = this.wideFrom(start);
    return this.nextWide < end ? this.text.slice(start, end) : this.narrow.slice(start, end);
  }
}
