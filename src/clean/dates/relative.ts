import { AGO_PHRASES, BARE_WEEKDAYS, NUMBER_WORDS, RELATIVE_DAY_WORDS, WEEKDAY_LEADS, type RelativeUnit } from '../rules/dates-relative.js';
import { addDays, formatDay, isoWeekday, type DayParts } from './calendar.js';
import { FULL_WEEKDAY_BY_NAME } from './names.js';
import type { ParsedDate } from './parsed-date.js';
import { escapeRegExp } from '../regex-source.js';

/** Relative dates ("yesterday", "vor 2 Tagen", "on Friday"), resolved against a reference day. */

const byLengthDesc = (a: string, b: string): number => b.length - a.length;
const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}])';

const DAY_WORD_BACK = new Map(RELATIVE_DAY_WORDS.map((w) => [w.word, w.daysBack]));
const DAY_WORDS = `(?:${[...DAY_WORD_BACK.keys()].sort(byLengthDesc).map(escapeRegExp).join('|')})`;
const DAY_WORD_RE = new RegExp(`${BOUNDARY_BEFORE}${DAY_WORDS}${BOUNDARY_AFTER}`, 'giu');
/** The day words without the boundaries around them: the engine skips ahead to a candidate word, where the lookbehind made it try every offset. */
const DAY_WORD_HINT = new RegExp(DAY_WORDS, 'iu');

const NUMBER_SOURCE = `(?:\\d{1,3}|${Object.keys(NUMBER_WORDS).sort(byLengthDesc).map(escapeRegExp).join('|')})`;
const UNIT_DAYS: Record<RelativeUnit, number> = { minute: 0, hour: 0, day: 1, week: 7 };

interface AgoMatcher {
  re: RegExp;
  /** A word of the phrase every match holds ("ago", "vor", "geleden"): where it is missing, `re` is not run. */
  hint: RegExp | null;
  unitOf: Map<string, RelativeUnit>;
}

/** A template made of literal words, white space and the two placeholders only: each of its words is in every match. */
const PLAIN_TEMPLATE = /^(?:\p{L}+|\\s\+|\{n\}|\{unit\})+$/u;

/**
 * The longest literal word of a plain template, as a case-insensitive search (the phrase's
 * own flags): most of the "ago" phrases open with the number, which the engine tried to
 * match at every offset of every line (a third of clean() with a reference date).
 */
export function templateHint(template: string): RegExp | null {
  if (!PLAIN_TEMPLATE.test(template)) return null;
  const words = template.split(/\\s\+|\{n\}|\{unit\}/).sort(byLengthDesc);
  return words[0] ? new RegExp(escapeRegExp(words[0]), 'iu') : null;
}

const AGO_MATCHERS: readonly AgoMatcher[] = AGO_PHRASES.map((phrase) => {
  const unitOf = new Map<string, RelativeUnit>();
  for (const [unit, words] of Object.entries(phrase.units) as [RelativeUnit, readonly string[]][]) {
    for (const w of words) unitOf.set(w, unit);
  }
  const units = [...unitOf.keys()].sort(byLengthDesc).map(escapeRegExp).join('|');
  const source = phrase.template.replace('{n}', `(?<n>${NUMBER_SOURCE})`).replace('{unit}', `(?<unit>${units})`);
  return { re: new RegExp(`${BOUNDARY_BEFORE}${source}${BOUNDARY_AFTER}`, 'giu'), hint: templateHint(phrase.template), unitOf };
});

/** Any of the "ago" phrases' words, one search for the texts (most) that hold none; null when a phrase has none. */
const AGO_HINT = AGO_MATCHERS.every((m) => m.hint) ? new RegExp(AGO_MATCHERS.map((m) => m.hint!.source).join('|'), 'iu') : null;

const WEEKDAY_NAMES = [...FULL_WEEKDAY_BY_NAME.keys()].sort(byLengthDesc).map(escapeRegExp).join('|');
const WEEKDAY_RE = new RegExp(
  `${BOUNDARY_BEFORE}(?:${WEEKDAY_LEADS.flatMap((l) => l.words).sort(byLengthDesc).map(escapeRegExp).join('|')})\\s+(?<wd>${WEEKDAY_NAMES})${BOUNDARY_AFTER}`,
  'giu',
);
/** The white space and weekday name every WEEKDAY_RE match ends with: a cheaper search than the leads and boundaries. */
const WEEKDAY_HINT = new RegExp(`\\s(?:${WEEKDAY_NAMES})`, 'iu');

/** Case-sensitive: a capitalised weekday mid-sentence, not after a named-day word. */
const BARE_WEEKDAY_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?<!(?:${BARE_WEEKDAYS.notAfter.join('|')})\\s)(?<wd>${BARE_WEEKDAYS.names.join('|')})(?![\\p{L}'’])`,
  'gu',
);

/** The longest ending all of `words` share ("day" of the English weekdays). */
export function commonEnding(words: readonly string[]): string {
  let ending = words[0] ?? '';
  for (const word of words) while (!word.endsWith(ending)) ending = ending.slice(1);
  return ending;
}

/** What every bare weekday holds, as written (the names are matched case-sensitively); null when they share nothing. */
const BARE_WEEKDAY_ENDING = commonEnding(BARE_WEEKDAYS.names) || null;

/** Confidence of each relative form: all are weaker than any absolute date on the page. */
const CONFIDENCE = { dayWord: 0.5, ago: 0.55, weekday: 0.45, bareWeekday: 0.35 } as const;

function relative(reference: DayParts, daysBack: number, m: RegExpExecArray, confidence: number): ParsedDate {
  return { date: formatDay(addDays(reference, -daysBack)), matched: m[0], index: m.index, kind: 'relative', confidence };
}

/**
 * "on Friday" means the most recent Friday on or before the reference day: news copy names
 * the weekday even for the day it is published (AP style), and the reference is normally
 * the day the page was fetched, on or after publication.
 */
function daysBackToWeekday(reference: DayParts, weekday: number): number {
  return (isoWeekday(reference) - weekday + 7) % 7;
}

function parseCount(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : NUMBER_WORDS[lower];
}

/** "today", "gestern", "hier"…: a day named by its distance from now, not a weekday or "N days ago". */
export function isDayWord(matched: string): boolean {
  return DAY_WORD_BACK.has(matched.toLowerCase());
}

export function findRelativeDates(text: string, reference: DayParts): ParsedDate[] {
  const out: ParsedDate[] = [];
  DAY_WORD_RE.lastIndex = 0;
  for (let m = DAY_WORD_HINT.test(text) ? DAY_WORD_RE.exec(text) : null; m; m = DAY_WORD_RE.exec(text)) {
    const back = DAY_WORD_BACK.get(m[0].toLowerCase());
    if (back !== undefined) out.push(relative(reference, back, m, CONFIDENCE.dayWord));
  }
  for (const { re, hint, unitOf } of AGO_HINT === null || AGO_HINT.test(text) ? AGO_MATCHERS : []) {
    if (hint && !hint.test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const n = parseCount(m.groups?.n ?? '');
      const unit = unitOf.get((m.groups?.unit ?? '').toLowerCase());
      if (n === undefined || unit === undefined || n > 366) continue;
      out.push(relative(reference, n * UNIT_DAYS[unit], m, CONFIDENCE.ago));
    }
  }
  WEEKDAY_RE.lastIndex = 0;
  for (let m = WEEKDAY_HINT.test(text) ? WEEKDAY_RE.exec(text) : null; m; m = WEEKDAY_RE.exec(text)) {
    const weekday = FULL_WEEKDAY_BY_NAME.get((m.groups?.wd ?? '').toLowerCase());
    if (weekday !== undefined) out.push(relative(reference, daysBackToWeekday(reference, weekday), m, CONFIDENCE.weekday));
  }
  BARE_WEEKDAY_RE.lastIndex = 0;
  for (let m = BARE_WEEKDAY_ENDING === null || text.includes(BARE_WEEKDAY_ENDING) ? BARE_WEEKDAY_RE.exec(text) : null; m; m = BARE_WEEKDAY_RE.exec(text)) {
    const weekday = FULL_WEEKDAY_BY_NAME.get((m.groups?.wd ?? '').toLowerCase());
    if (weekday !== undefined) out.push(relative(reference, daysBackToWeekday(reference, weekday), m, CONFIDENCE.bareWeekday));
  }
  return out;
}
