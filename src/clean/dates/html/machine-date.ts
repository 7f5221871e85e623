import { HTML_DATE_FACTORS as F } from '../../rules/dates-weights.js';
import { formatDay, isPlausibleDay, type DayParts } from '../calendar.js';
import { findAbsoluteDates } from '../absolute.js';
import type { ParsedDate } from '../parsed-date.js';

/** Dates in attribute values (meta content, datetime=, JSON-LD): machine formats first. */

const COMPACT = /^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T?\d{2,6})?\s*$/;
const EPOCH = /^\s*(\d{10}|\d{13})\s*$/;
/** Epoch values from 1995 on; older numbers are ids, not times. */
const MIN_EPOCH_SECONDS = 788_918_400;

export function parseMachineDate(value: string, reference: DayParts | null, dayFirst?: boolean): ParsedDate | null {
  // "2020-12-05T23:15:0Z" (lagazzettadelmezzogiorno.it JSON-LD): a one-digit second, padded so
  // the value reads as the full instant it is and can be put in the page's zone.
  const v = value.trim().slice(0, 80).replace(/(T\d{2}:\d{2}:)(\d)(?=\D|$)/, '$10$2');
  if (!v) return null;
  const compact = COMPACT.exec(v);
  if (compact) {
    const p = { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) };
    return isPlausibleDay(p, reference) ? { date: formatDay(p), matched: v, index: 0, kind: 'absolute', confidence: F.compactValue } : null;
  }
  const epoch = EPOCH.exec(v);
  if (epoch) {
    const seconds = v.length === 13 ? Number(epoch[1]) / 1000 : Number(epoch[1]);
    if (seconds < MIN_EPOCH_SECONDS) return null;
    const d = new Date(seconds * 1000);
    const p = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    return isPlausibleDay(p, reference) ? { date: formatDay(p), matched: v, index: 0, kind: 'absolute', confidence: F.epochValue } : null;
  }
  const found = findAbsoluteDates(v, { reference, dayFirst });
  if (!found.length) return null;
  // The earliest match, longest on ties: "2021-07-14T10:00" rather than a piece of it.
  found.sort((a, b) => a.index - b.index || b.matched.length - a.matched.length);
  return found[0] ?? null;
}
