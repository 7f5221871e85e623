import { TIME_REST } from '../rules/dates-patterns.js';
import type { ParsedDate } from './parsed-date.js';

/**
 * Letters TIME_REST can match at most: one of "at|um|à|a las|alle|om|às" (4 at most) and one
 * of "uhr|h|am|pm|a.m.|p.m.|hrs" (3 at most); its character classes hold none. A line with
 * more letters beside its date is no timestamp, known without building the rest of the line.
 */
const TIME_REST_MAX_LETTERS = 7;

const NOT_LETTERS = /\P{L}+/gu;

/** UTF-16 units of letters in `text` (an astral letter counts twice, and TIME_REST matches none). */
export function letterCount(text: string): number {
  return text.replace(NOT_LETTERS, '').length;
}

/**
 * Besides the date, the line holds only a time of day and punctuation: a timestamp.
 * `lineLetters` (letterCount of the line) lets a long line with many dates answer each in the
 * time of its match: rebuilding the line per date was quadratic (a line of 30,000 "yesterday"s).
 */
export function isTimestampLine(line: string, d: ParsedDate, lineLetters?: number): boolean {
  if (lineLetters !== undefined && lineLetters - letterCount(d.matched) > TIME_REST_MAX_LETTERS) return false;
  const rest = line.slice(0, d.index) + line.slice(d.index + d.matched.length);
  return TIME_REST.test(rest);
}
