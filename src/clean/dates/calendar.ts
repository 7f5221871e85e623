/** Calendar arithmetic on plain Y-M-D values (UTC, no clock, no locale). */

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** Oldest year accepted as a web publication date. */
export const MIN_YEAR = 1995;
/** Newest year accepted when no reference date bounds the range. */
export const MAX_YEAR_WITHOUT_REFERENCE = 2100;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** A real calendar day (rejects 31 June, 29 February 2021, month 13…). */
export function isValidDay(p: DayParts): boolean {
  return (
    Number.isInteger(p.year) &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month)
  );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatDay(p: DayParts): string {
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** Parses the leading YYYY-MM-DD of an ISO string (the reference date option). */
export function parseIsoDay(s: string | undefined): DayParts | null {
  if (!s) return null;
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const p = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDay(p) ? p : null;
}

/** Days since 1970-01-01 (UTC). */
export function toEpochDay(p: DayParts): number {
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

export function fromEpochDay(n: number): DayParts {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(p: DayParts, days: number): DayParts {
  return fromEpochDay(toEpochDay(p) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(p: DayParts): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toEpochDay(p) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Whether a day is a plausible publication date: from MIN_YEAR up to the reference day
 * (one day of slack for time zones) or, without a reference, up to the end of 2100.
 */
export function isPlausibleDay(p: DayParts, reference: DayParts | null): boolean {
  if (!isValidDay(p) || p.year < MIN_YEAR) return false;
  if (reference) return toEpochDay(p) <= toEpochDay(reference) + 1;
  return p.year <= MAX_YEAR_WITHOUT_REFERENCE;
}
