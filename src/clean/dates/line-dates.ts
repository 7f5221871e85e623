import { findDates } from './find-dates.js';
import type { ParsedDate } from './parsed-date.js';

/**
 * A cheap shape every absolute date has: a four-digit year 19xx/20xx (all patterns but one)
 * or the numeric short-year shape "14.07.21" (see rules/dates-patterns.ts). Without a
 * reference date (so no relative dates), a text without it holds no date.
 */
export const ABSOLUTE_DATE_HINT = /(?:19|20)\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2}/;

/** Lines up to this long are remembered (the date-line flagger reads no longer ones). */
const REMEMBERED_MAX_CHARS = 160;

const NONE: readonly ParsedDate[] = [];

/**
 * findDates of the lines of one text with one reference date and no day order, each short
 * line parsed once: the text extractor reads many lines twice (flagging date lines, then
 * collecting date candidates), repeated lines more often.
 */
export class LineDates {
  private readonly found = new Map<string, readonly ParsedDate[]>();

  constructor(readonly referenceDate: string | undefined) {}

  /** findDates(text, { referenceDate }), read-only. */
  find(text: string): readonly ParsedDate[] {
    if (text.length > REMEMBERED_MAX_CHARS) return findDates(text, { referenceDate: this.referenceDate });
    if (this.referenceDate === undefined && !ABSOLUTE_DATE_HINT.test(text)) return NONE;
    let found = this.found.get(text);
    if (!found) {
      found = findDates(text, { referenceDate: this.referenceDate });
      this.found.set(text, found);
    }
    return found;
  }
}
