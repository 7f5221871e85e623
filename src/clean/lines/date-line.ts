import { parseDate } from '../dates/index.js';
import { ABSOLUTE_DATE_HINT } from '../dates/find-dates.js';
import type { LineDates } from '../dates/line-dates.js';
import { LINE_SETTINGS as L } from '../rules/line-settings.js';
import { EMBED_SIGNATURE } from './line-rules.js';

const OTHER_WORD = /\p{L}{2,}/gu;

/**
 * "line": a date line, maybe with a label and a time ("Updated 1:39 am EST, Wednesday,
 * November 20, 2019"); "meta": a short line carrying a date among other things (post meta
 * "Veröffentlicht am 03.02.2022 von Sarah Schnieder"), dating the story only near its top
 * or bottom; null: no date. `lineDates` holds the dates already parsed from the same lines.
 */
export function dateLineKind(text: string, referenceDate: string | undefined, lineDates?: LineDates): 'line' | 'meta' | null {
  if (text.length > L.datedLineMaxChars) return null;
  if (!ABSOLUTE_DATE_HINT.test(text) && !(referenceDate && text.length <= L.relativeLineMaxChars)) return null;
  if (EMBED_SIGNATURE.test(text)) return null;
  const found = lineDates && lineDates.referenceDate === referenceDate ? (lineDates.find(text)[0] ?? null) : parseDate(text, { referenceDate });
  if (!found) return null;
  const rest = text.slice(0, found.index) + text.slice(found.index + found.matched.length);
  const otherWords = rest.match(OTHER_WORD)?.length ?? 0;
  if (otherWords <= L.dateLineMaxOtherWords && text.length <= L.dateLineMaxChars) return 'line';
  return otherWords <= L.datedLineMaxOtherWords ? 'meta' : null;
}

/** A line that is a date, maybe with a label and a time ("Updated 1:39 am EST, Wednesday, November 20, 2019"). */
export function isDateLine(text: string, referenceDate: string | undefined): boolean {
  return dateLineKind(text, referenceDate) === 'line';
}
