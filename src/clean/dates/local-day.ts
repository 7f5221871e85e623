import type { DateCandidate } from '../types.js';
import { ZONE_BY_LANG, ZONE_BY_TLD, type DstRule, type ZoneGuess } from '../rules/dates-zones.js';

/**
 * Publication days are local days, but markup often states the instant in UTC: 23:00Z on
 * 4 Nov is 5 Nov in Berlin, 03:28Z on 9 Nov is 8 Nov in New York. This rewrites UTC
 * datetimes into the page's offset when the page shows it (another value with an offset,
 * or the same instant written in local time) or its language/domain suggests it.
 */

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

interface Instant {
  /** Minutes since epoch of the wall-clock time as written. */
  wall: number;
  /** Offset in minutes, or null when the value has none. */
  offset: number | null;
  seconds: number;
}

function parseInstant(date: string): Instant | null {
  const m = DATETIME.exec(date);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) / 60_000;
  const tz = m[7];
  const offset = tz === undefined ? null : tz === 'Z' ? 0 : (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
  return { wall, offset, seconds: Number(m[6] ?? 0) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function format(utcMinutes: number, offset: number, seconds: number): string {
  const d = new Date((utcMinutes + offset) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(seconds)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Last Sunday of a month (UTC day number of month). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

function inDst(rule: DstRule, utcMinutes: number): boolean {
  if (rule === 'none') return false;
  const d = new Date(utcMinutes * 60_000);
  const y = d.getUTCFullYear();
  const t = d.getTime();
  if (rule === 'eu') return t >= Date.UTC(y, 2, lastSunday(y, 3), 1) && t < Date.UTC(y, 9, lastSunday(y, 10), 1);
  return t >= Date.UTC(y, 2, nthSunday(y, 3, 2), 7) && t < Date.UTC(y, 10, nthSunday(y, 11, 1), 6);
}

function guessZone(lang: string | null, url: string | null): ZoneGuess | null {
  const tag = lang?.toLowerCase().replace('_', '-');
  if (tag) {
    const z = ZONE_BY_LANG[tag] ?? ZONE_BY_LANG[tag.split('-')[0] ?? ''];
    if (z) return z;
  }
  const host = url ? /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1] : undefined;
  const tld = host?.split('.').pop()?.toLowerCase();
  return tld ? (ZONE_BY_TLD[tld] ?? null) : null;
}

/** The offset the page itself shows: the same instant written in local time, or any non-UTC offset. */
function pageOffset(instants: readonly Instant[]): number | null {
  const utc = instants.filter((i) => i.offset === 0);
  for (const local of instants) {
    if (local.offset !== null) continue;
    for (const u of utc) {
      const diff = local.wall - u.wall;
      // Same minutes and seconds, whole hours apart (half hours only when seconds make a
      // coincidence unlikely): the same instant written in local time.
      const whole = diff % 60 === 0 || (diff % 30 === 0 && local.seconds !== 0);
      if (diff !== 0 && Math.abs(diff) <= MAX_SHOWN_OFFSET && whole && local.seconds === u.seconds) return diff;
    }
  }
  const explicit = instants.find((i) => i.offset !== null && i.offset !== 0);
  return explicit?.offset ?? null;
}

const DAY_MINUTES = 1440;
/** Offsets inferred from a pair of values stay within ±10 h (coincidences beyond are likelier). */
const MAX_SHOWN_OFFSET = 600;
/** UTC hours at which the local day may differ: before 08:00 (the Americas), from 21:00 (Europe, Asia). */
const EARLY_UTC_HOUR = 8;
const LATE_UTC_HOUR = 21;
/** A neighbour must be credible in its own right to take over an instant's confidence. */
const MIN_NEIGHBOUR_CONFIDENCE = 0.5;
const dayIndex = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

/**
 * A day-only candidate (URL, visible text) one day off a UTC instant, on the side the
 * instant's hour allows (early UTC → the day before in the Americas; late → the day after
 * in Europe and Asia), is the local reading of the same moment.
 */
function localNeighbours(cands: readonly DateCandidate[], instants: readonly (Instant | null)[]): Map<number, number[]> {
  const found = new Map<number, number[]>();
  cands.forEach((c, k) => {
    const inst = instants[k];
    if (!inst || inst.offset !== 0) return;
    const hour = (inst.wall % DAY_MINUTES) / 60;
    if (hour >= EARLY_UTC_HOUR && hour < LATE_UTC_HOUR) return;
    const wanted = dayIndex(c.date) + (hour < EARLY_UTC_HOUR ? -1 : 1);
    const js = cands.flatMap((d, j) =>
      !instants[j] && d.date.length === 10 && d.confidence >= MIN_NEIGHBOUR_CONFIDENCE && dayIndex(d.date) === wanted ? [j] : [],
    );
    if (js.length) found.set(k, js);
  });
  return found;
}

/**
 * Rewrites UTC instants into the page's offset: the one the page shows, else (when no
 * day-only neighbour tells the local day, see preferLocalNeighbours) the zone its language
 * or domain suggests.
 */
export function localizeUtcDates(cands: readonly DateCandidate[], hints: { lang: string | null; url: string | null }): DateCandidate[] {
  const instants = cands.map((c) => parseInstant(c.date));
  if (!instants.some((i) => i?.offset === 0)) return [...cands];
  const shown = pageOffset(instants.filter((i): i is Instant => i !== null));
  if (shown === null && localNeighbours(cands, instants).size) return [...cands];
  const zone = shown === null ? guessZone(hints.lang, hints.url) : null;
  if (shown === null && !zone) return [...cands];
  const supportedDays = new Set(cands.filter((c, k) => !instants[k] && c.date.length === 10 && c.confidence >= MIN_NEIGHBOUR_CONFIDENCE).map((c) => c.date));
  return cands.map((c, k) => {
    const inst = instants[k];
    if (!inst || inst.offset !== 0) return c;
    // Midnight UTC is a bare date serialised; a guessed zone never overrules the page's own day.
    if (shown === null && (inst.wall % DAY_MINUTES === 0 || supportedDays.has(c.date.slice(0, 10)))) return c;
    const offset = shown ?? (zone!.offsetMinutes + (inDst(zone!.dst, inst.wall) ? 60 : 0));
    return offset === 0 ? c : { ...c, date: format(inst.wall, offset, inst.seconds) };
  });
}

/** Gives each local neighbour of a UTC instant the instant's confidence, just above it. */
export function preferLocalNeighbours(cands: readonly DateCandidate[]): DateCandidate[] {
  const instants = cands.map((c) => parseInstant(c.date));
  const out = [...cands];
  for (const [k, js] of localNeighbours(cands, instants)) {
    const lift = Math.min(1, Math.round(((cands[k]?.confidence ?? 0) + 0.01) * 1000) / 1000);
    for (const j of js) if (out[j]!.confidence < lift) out[j] = { ...out[j]!, confidence: lift };
  }
  return out;
}
