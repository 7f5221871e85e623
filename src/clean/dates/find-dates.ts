import { parseIsoDay } from './calendar.js';
import { findAbsoluteDates } from './absolute.js';
import { dropOverlaps } from './drop-overlaps.js';
import { findRelativeDates } from './relative.js';
import type { DateParseOptions, ParsedDate } from './parsed-date.js';

/**
 * A cheap shape every absolute date has: a four-digit year 19xx/20xx (all patterns but one)
 * or the numeric short-year shape "14.07.21" (see rules/dates-patterns.ts). Without a
 * reference date (so no relative dates), a text without it holds no date.
 */
export const ABSOLUTE_DATE_HINT = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2}/;

/** All date expressions in `text`, in reading order. Relative ones only with a referenceDate. */
export function findDates(text: string, opts: DateParseOptions = {}): ParsedDate[] {
  const reference = parseIsoDay(opts.referenceDate);
  // Absolute patterns match only where the hint does (one scan instead of the patterns' own,
  // on the many texts with numbers but no date); without a reference nothing else can.
  const absolute = ABSOLUTE_DATE_HINT.test(text);
  if (!reference && !absolute) return [];
  const found = absolute ? findAbsoluteDates(text, { reference, dayFirst: opts.dayFirst }) : [];
  // A loop, not push(...spread): a long line can hold more dates than the call stack has room for arguments.
  if (reference) for (const d of findRelativeDates(text, reference)) found.push(d);
  return dropOverlaps(found);
}

/** The first date expression in a short string (a dateline, an attribute value), or null. */
export function parseDate(text: string, opts: DateParseOptions = {}): ParsedDate | null {
  return findDates(text, opts)[0] ?? null;
}
