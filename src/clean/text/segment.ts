import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { countTidyWords, countWordsIfPlain } from '../word-count.js';
import { BULLET, CLEAN_END, STARTS_LOWER } from './patterns.js';
import { NarrowLines } from './narrow-lines.js';
import { newUnit, type Unit } from './unit.js';

/**
 * Runs of spaces other than line breaks that are not already a single " " (tabs, no-break
 * spaces, doubled spaces), collapsed to one space in a single pass over the text.
 */
const SPACES = /[^\S\n ][^\S\n]*| [^\S\n]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]+/g;

/** Words of a line made of joined lines: counted again once joining is done. */
const UNCOUNTED = -1;

/** A line read from the dump: a unit before any joining (the same object, filled in later). */
type Line = Unit;

/** A line with other white space than single spaces, or invisible characters, tidied (trimming is left to the caller). */
const tidy = (line: string): string => line.replace(INVISIBLE, '').replace(SPACES, ' ');

/**
 * The non-empty lines, tidied and trimmed, with their words and the blank lines above each.
 * Most lines need no tidying: they are read in place, in the pass that counts their words
 * (tidying only replaces and removes characters inside a line, none of them part of a word).
 */
function readLines(text: string): Line[] {
  const lines: Line[] = [];
  const narrow = new NarrowLines(text);
  let gap = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let words = countWordsIfPlain(text, start, end);
    let line: string;
    if (words >= 0) {
      line = narrow.slice(start, end).trim();
    } else {
      // Counted before trimming (only spaces go): the tidied line is a flat string, its trimmed form a slice of it.
      const tidied = tidy(narrow.slice(start, end));
      words = countTidyWords(tidied);
      line = tidied.trim();
    }
    if (line) {
      lines.push(newUnit(line, gap, words));
      gap = 0;
    } else {
      gap++;
    }
    start = end + 1;
  }
  return lines;
}

/** The 95th-percentile line length: the wrap width of a hard-wrapped dump. */
function wrapWidth(lines: readonly Line[]): number {
  // A typed array filled in a plain loop sorts numerically in native code: 8× faster than
  // Array#sort with a comparator or Uint32Array.from with a mapping function.
  const lengths = new Uint32Array(lines.length);
  for (let i = 0; i < lines.length; i++) lengths[i] = lines[i]!.text.length;
  lengths.sort();
  return lengths[Math.floor(lengths.length * 0.95)] ?? 0;
}

/**
 * A dump wrapped at a fixed width (e-mail style): no line much longer than the width, and
 * most lines that reach it run on into the next line mid-sentence.
 */
function isHardWrapped(lines: readonly Line[], width: number): boolean {
  if (width < S.wrapMinWidth || width > S.wrapMaxWidth) return false;
  let full = 0;
  let continued = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (text.length > S.wrapMaxOverflow * width) return false;
    if (text.length < 0.75 * width) continue;
    full++;
    if (lines[i + 1]?.gap === 0 && !CLEAN_END.test(text)) continued++;
  }
  return continued >= S.wrapMinLines && continued / Math.max(1, full) >= S.wrapMinShare;
}

/** A line longer than this is too long for any wrap width isHardWrapped accepts. */
const LONGER_THAN_ANY_WRAP = S.wrapMaxOverflow * S.wrapMaxWidth;

function joinHardWrapped(lines: Line[]): Line[] {
  // Most dumps have a paragraph on one line: no wrap width fits them, and nothing is sorted.
  for (const line of lines) if (line.text.length > LONGER_THAN_ANY_WRAP) return lines;
  const width = wrapWidth(lines);
  if (!isHardWrapped(lines, width)) return lines;
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && line.gap === 0 && prev.text.length >= 0.6 * width && !BULLET.test(line.text)) {
      prev.text += ` ${line.text}`;
      prev.words = UNCOUNTED;
    } else {
      out.push({ ...line });
    }
  }
  return out;
}

/** A paragraph cut mid-sentence (seed 002: "…continued US-Pakistan" / blank / "cooperation on…"). */
function isBrokenBefore(prev: Line, next: Line): boolean {
  return (
    next.gap <= 1 &&
    prev.text.length >= S.repairMinChars &&
    !CLEAN_END.test(prev.text) &&
    STARTS_LOWER.test(next.text) &&
    !BULLET.test(next.text)
  );
}

/**
 * Text → units: one per non-empty line, hard-wrapped paragraphs joined, paragraphs broken
 * mid-sentence repaired. Whitespace inside a line is collapsed to single spaces.
 */
export function segment(text: string): Unit[] {
  const lines = joinHardWrapped(readLines(text));
  const units: Unit[] = [];
  for (const line of lines) {
    // The unit above, with any line already joined to it, is what the next line may continue.
    const last = units[units.length - 1];
    if (last && isBrokenBefore(last, line)) {
      last.text += ` ${line.text}`;
      last.words = UNCOUNTED;
      continue;
    }
    units.push(line);
  }
  for (const unit of units) {
    if (unit.words !== UNCOUNTED) continue;
    // Joining made a rope of the text (a V8 cons string); trim() hands back its flat form
    // (there is nothing to trim: the parts were trimmed), which every later reader scans faster.
    unit.text = unit.text.trim();
    unit.words = countTidyWords(unit.text);
  }
  return units;
}
