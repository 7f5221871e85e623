import type { Redis } from 'ioredis';
import { isValidId } from '../ids.js';
import { parseRecordEvent, type StreamEvent } from './record-event.js';

/**
 * Reading the pipeline's record stream (`<prefix>:records`). The entry id is the cursor the
 * read API and the SSE feed hand out, so both share one notion of "position".
 */

const CURSOR = /^\d{1,20}-\d{1,20}$/;

/** Stream ids are two unsigned 64-bit integers; past that Redis refuses the id (an error, not an empty page). */
const MAX_PART = 2n ** 64n - 1n;

export function isCursor(value: string): boolean {
  if (!CURSOR.test(value)) return false;
  const [ms, seq] = value.split('-') as [string, string];
  return BigInt(ms) <= MAX_PART && BigInt(seq) <= MAX_PART;
}

type RawEntry = [id: string, fields: string[]];

/** Entries with a malformed id or status are skipped: the stream is input, not trusted. */
export function parseEntries(entries: RawEntry[]): { events: StreamEvent[]; lastCursor: string | null } {
  const events: StreamEvent[] = [];
  for (const [cursor, fields] of entries) {
    const event = parseRecordEvent(fields);
    if (event && isValidId(event.id)) events.push({ cursor, ...event });
  }
  return { events, lastCursor: entries.length > 0 ? entries[entries.length - 1]![0] : null };
}

/** Which statuses a reader wants; `all` keeps every entry. */
export type StatusFilter = StreamEvent['status'] | 'all';

/** `all` is every output once: an `updated` entry (a record rewritten with its story's date) only when asked for by name. */
const keep = (filter: StatusFilter) => (event: StreamEvent) => (filter === 'all' ? event.status !== 'updated' : event.status === filter);

export interface PageOptions {
  limit: number;
  filter: StatusFilter;
  /** Upper bound on entries examined per request, so a sparse filter cannot scan forever. */
  scanLimit: number;
}

export interface Page {
  /** Oldest first (write order). */
  events: StreamEvent[];
  /** The newest entry examined: continue with `after=<newest>`. */
  newest: string | null;
  /** The oldest entry examined: page back with `before=<oldest>`; null when the start was reached. */
  oldest: string | null;
}

/** Entries written strictly after `after`, oldest first. */
export async function readAfter(redis: Redis, key: string, after: string, opts: PageOptions): Promise<Page> {
  const events: StreamEvent[] = [];
  let start = `(${after}`;
  let scanned = 0;
  let newest: string | null = null;
  while (events.length < opts.limit && scanned < opts.scanLimit) {
    const batch = Math.min(Math.max(opts.limit - events.length, 100), opts.scanLimit - scanned);
    const entries = (await redis.xrange(key, start, '+', 'COUNT', batch)) as RawEntry[];
    const parsed = parseEntries(entries);
    for (const event of parsed.events.filter(keep(opts.filter))) {
      if (events.length === opts.limit) break;
      events.push(event);
      newest = event.cursor;
    }
    scanned += entries.length;
    // Past a full page the cursor stops at the last event returned, so nothing is skipped.
    if (events.length < opts.limit && parsed.lastCursor) newest = parsed.lastCursor;
    if (entries.length < batch || !parsed.lastCursor) break;
    start = `(${parsed.lastCursor}`;
  }
  return { events, newest, oldest: null };
}

/** The newest `limit` entries written strictly before `before` (or the newest overall), returned oldest first. */
export async function readBefore(redis: Redis, key: string, before: string | null, opts: PageOptions): Promise<Page> {
  const newestFirst: StreamEvent[] = [];
  let end = before === null ? '+' : `(${before}`;
  let scanned = 0;
  let newest: string | null = null;
  let oldest: string | null = null;
  let reachedStart = false;
  while (newestFirst.length < opts.limit && scanned < opts.scanLimit) {
    const batch = Math.min(Math.max(opts.limit - newestFirst.length, 100), opts.scanLimit - scanned);
    const entries = (await redis.xrevrange(key, end, '-', 'COUNT', batch)) as RawEntry[];
    const parsed = parseEntries(entries);
    newest ??= entries[0]?.[0] ?? null;
    let consumedAll = true;
    for (const event of parsed.events.filter(keep(opts.filter))) {
      if (newestFirst.length === opts.limit) {
        consumedAll = false;
        break;
      }
      newestFirst.push(event);
      oldest = event.cursor;
    }
    scanned += entries.length;
    if (consumedAll && parsed.lastCursor) oldest = parsed.lastCursor;
    // A short batch means the start of the stream was reached.
    if (entries.length < batch || !parsed.lastCursor) {
      reachedStart = consumedAll;
      break;
    }
    end = `(${parsed.lastCursor}`;
  }
  return { events: newestFirst.reverse(), newest, oldest: reachedStart ? null : oldest };
}

/** The id of the newest entry, or "0-0" for an empty or missing stream. */
export async function currentTop(redis: Redis, key: string): Promise<string> {
  const entries = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as RawEntry[];
  return entries[0]?.[0] ?? '0-0';
}
