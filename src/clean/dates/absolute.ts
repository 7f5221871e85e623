import { DATE_PATTERNS, type DatePattern } from '../rules/dates-patterns.js';
import { formatDay, isoWeekday, isPlausibleDay, type DayParts } from './calendar.js';
import { MONTH_ALTERNATION, WEEKDAY_ALTERNATION, monthFromName, weekdayFromName } from './names.js';
import type { ParsedDate } from './parsed-date.js';

/** Absolute dates ("14 July 2021", "2021-07-14T10:00+02:00", "14.07.2021") in free text. */

export interface AbsoluteOptions {
  /** Bounds the plausible range: nothing after this day (plus one day of slack). */
  reference: DayParts | null;
  /**
   * How to read an ambiguous numeric date such as 03/04/2021: true = day first.
   * Undefined: a dotted date is read day first, others month first, and either guess
   * gets a much lower confidence.
   */
  dayFirst?: boolean;
}

interface CompiledPattern {
  pattern: DatePattern;
  re: RegExp;
  /** Has a four-digit year group: skipped on texts without one. */
  needsYear: boolean;
  /** See DatePattern.gate: the pattern runs only on texts this finds something in. */
  gate: RegExp | null;
}

const COMPILED: readonly CompiledPattern[] = DATE_PATTERNS.map((pattern) => ({
  pattern,
  re: new RegExp(pattern.source.replaceAll('{MONTH}', MONTH_ALTERNATION).replaceAll('{WEEKDAY}', WEEKDAY_ALTERNATION), 'giu'),
  needsYear: pattern.source.includes('(?<y>'),
  gate: pattern.gate === undefined ? null : new RegExp(pattern.gate, 'iu'),
}));

/** Confidence multipliers for how a numeric D/M order was decided. */
const ORDER_FACTOR = {
  /** One part is > 12 or both are equal: only one reading exists. */
  certain: 1,
  /** "14.07.2021": dots are a day-first convention nearly everywhere. */
  dotted: 0.9,
  /** The caller said which order the page uses. */
  hinted: 0.85,
  /** A pure guess. */
  guessed: 0.5,
} as const;

const WEEKDAY_AGREES = 1.05;
const WEEKDAY_DISAGREES = 0.6;

function numericOrder(a: number, b: number, sep: string, dayFirst: boolean | undefined): { dayFirst: boolean; factor: number } {
  if (a > 12 && b <= 12) return { dayFirst: true, factor: ORDER_FACTOR.certain };
  if (b > 12 && a <= 12) return { dayFirst: false, factor: ORDER_FACTOR.certain };
  if (a === b) return { dayFirst: true, factor: ORDER_FACTOR.certain };
  if (sep.startsWith('.')) return { dayFirst: true, factor: dayFirst === false ? ORDER_FACTOR.hinted : ORDER_FACTOR.dotted };
  if (dayFirst !== undefined) return { dayFirst, factor: ORDER_FACTOR.hinted };
  return { dayFirst: sep === '-', factor: ORDER_FACTOR.guessed };
}

function twoDigitYear(y2: number, reference: DayParts | null): number {
  const ceiling = (reference?.year ?? 2069) % 100;
  return y2 <= ceiling ? 2000 + y2 : 1900 + y2;
}

function timeSuffix(g: Record<string, string | undefined>): string {
  if (g.H === undefined || g.M === undefined || Number(g.H) > 23) return '';
  let out = `T${g.H}:${g.M}`;
  if (g.S !== undefined) out += `:${g.S}`;
  const tz = g.tz?.trim();
  if (tz === 'Z') out += 'Z';
  else if (tz) {
    const digits = tz.replace(':', '');
    out += `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  return out;
}

const CAPITAL = /\p{Lu}/u;

function toParsed(cp: CompiledPattern, m: RegExpExecArray, opts: AbsoluteOptions): ParsedDate | null {
  if (cp.pattern.afterLowerCaseOnly && m.index > 0 && CAPITAL.test(m.input[m.index - 1]!)) return null;
  const g = m.groups ?? {};
  let confidence = cp.pattern.confidence;
  let parts: DayParts;
  if (cp.pattern.order === 'numeric') {
    const a = Number(g.a);
    const b = Number(g.b);
    const year = g.y !== undefined ? Number(g.y) : twoDigitYear(Number(g.y2), opts.reference);
    const order = numericOrder(a, b, g.sep ?? '', opts.dayFirst);
    confidence *= order.factor;
    parts = order.dayFirst ? { year, month: b, day: a } : { year, month: a, day: b };
  } else {
    const month = g.mon !== undefined ? monthFromName(g.mon) : Number(g.m);
    if (month === undefined) return null;
    parts = { year: Number(g.y), month, day: Number(g.d) };
  }
  if (!isPlausibleDay(parts, opts.reference)) return null;
  if (g.wd !== undefined) {
    confidence *= weekdayFromName(g.wd) === isoWeekday(parts) ? WEEKDAY_AGREES : WEEKDAY_DISAGREES;
  }
  const time = cp.pattern.name === 'iso' ? timeSuffix(g) : '';
  return {
    date: formatDay(parts) + time,
    matched: m[0],
    index: m.index,
    kind: 'absolute',
    confidence: Math.min(1, confidence),
  };
}

const FOUR_DIGIT_YEAR = /(?:19|20)\d{2}/g;
/** Every four-digit-year pattern fits in this much text before / after its year. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 40;
/** Texts longer than this are searched only around their years. */
const WINDOWING_FROM = 300;

function runPattern(cp: CompiledPattern, text: string, offset: number, opts: AbsoluteOptions, out: ParsedDate[]): void {
  if (cp.gate && !cp.gate.test(text)) return;
  cp.re.lastIndex = 0;
  for (let m = cp.re.exec(text); m !== null; m = cp.re.exec(text)) {
    const parsed = toParsed(cp, m, opts);
    if (parsed) out.push(offset ? { ...parsed, index: parsed.index + offset } : parsed);
    if (m[0].length === 0) cp.re.lastIndex++;
  }
}

/** Stretches of a long text around each four-digit year, merged where they overlap. */
function yearWindows(text: string): [number, number][] {
  const windows: [number, number][] = [];
  FOUR_DIGIT_YEAR.lastIndex = 0;
  for (let m = FOUR_DIGIT_YEAR.exec(text); m; m = FOUR_DIGIT_YEAR.exec(text)) {
    const start = Math.max(0, m.index - WINDOW_BEFORE);
    const end = Math.min(text.length, m.index + 4 + WINDOW_AFTER);
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else windows.push([start, end]);
  }
  return windows;
}

/**
 * Every absolute date in `text`, in no particular order, overlaps not yet resolved. Long
 * texts are searched only around their four-digit years (all patterns but the two-digit-year
 * one need one), which keeps the weekday/month alternations off most of the text.
 */
export function findAbsoluteDates(text: string, opts: AbsoluteOptions): ParsedDate[] {
  const out: ParsedDate[] = [];
  FOUR_DIGIT_YEAR.lastIndex = 0;
  const hasYear = FOUR_DIGIT_YEAR.test(text);
  const windows = hasYear && text.length > WINDOWING_FROM ? yearWindows(text) : null;
  for (const cp of COMPILED) {
    if (!cp.needsYear) runPattern(cp, text, 0, opts, out);
    else if (!hasYear) continue;
    else if (!windows) runPattern(cp, text, 0, opts, out);
    else for (const [start, end] of windows) runPattern(cp, text.slice(start, end), start, opts, out);
  }
  return out;
}
