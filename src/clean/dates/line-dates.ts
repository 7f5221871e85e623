import { ABSOLUTE_DATE_HINT, findDates } from './find-dates.js';
import type { ParsedDate } from './parsed-date.js';

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
    if (this.referenceDate === undefined && !ABSOLUTE_DATE_HINT.test(text)) return NONE;
    if (text.length > REMEMBERED_MAX_CHARS) return findDates(text, { referenceDate: this.referenceDate });
    let found = this.found.get(text);
    if (!found) {
      found = findDates(text, { referenceDate: this.referenceDate });
      this.found.set(text, found);
    }
    return found;
  }
}
