import type { BlockKind } from '../../schemas/index.js';

/** What a line (or repaired group of lines) of the dump was recognised as before span selection. */
export type UnitFlag =
  | 'header'
  | 'trailer-marker'
  | 'boilerplate'
  | 'caption'
  | 'byline'
  | 'date'
  | 'bullet'
  | 'duplicate'
  | 'repeated'
  | 'teaser'
  | 'comment'
  | 'dated'
  | null;

/** One paragraph candidate of a text dump: a line, or lines the segmenter joined. */
export interface Unit {
  /** Whitespace-collapsed, trimmed text. */
  text: string;
  /** Blank lines between this unit and the previous one. */
  gap: number;
  /** Words (see word-count.ts). */
  words: number;
  flag: UnitFlag;
  /** How often the same line occurs in the dump (set for short lines only). */
  repeats?: number;
  /** The text after a photo credit on a caption line (seed 003): a summary, not the story. */
  afterCaption?: boolean;
  /** A row of a numbered table or list: one of at least S.numberedRowsMin lines numbered 1, 2, 3… in a row. */
  numberedRow?: boolean;
  /** Why the flag was set, e.g. "boilerplate-phrase", "photo credit". */
  flagReason?: string;
  kind: BlockKind;
  reason?: string;
}

/**
 * A unit with every field present from the start, so that all units share one object
 * shape as the later stages fill them in (property writes and reads stay monomorphic).
 */
export function newUnit(text: string, gap: number, words: number): Unit {
  return { text, gap, words, flag: null, repeats: 1, afterCaption: false, numberedRow: false, flagReason: undefined, kind: 'body', reason: undefined };
}
