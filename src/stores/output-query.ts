import type { RejectionRecord, StoredRecord } from '../schemas/index.js';

/**
 * Listing the output store by field: what /api/records (with filters), its counts and
 * `scour export` read. Both drivers answer it from an index of their own (PostgreSQL columns,
 * the file store's summary log), never by opening every entry.
 */

/** Status of an output: a record, a rejection, or a rejection whose reason is `failed` (a job that exhausted its retries). */
export type EntryStatus = 'record' | 'rejected' | 'failed';
export type StatusChoice = EntryStatus | 'all';

export interface OutputFilter {
  /** Default `all`. */
  status?: StatusChoice;
  /** Publication day range, inclusive, YYYY-MM-DD (records only: a rejection has no date). */
  from?: string;
  to?: string;
  publisher?: string;
  language?: string;
  /** Rejection reason (rejections only). */
  reason?: string;
  /** Words that must all appear in the title or body (records only); see searchWords. */
  q?: string;
  /** Story id (records only). */
  story?: string;
  /** Entries written at or after this ISO time. */
  since?: string;
}

/**
 * A position in written-time order: microseconds since the epoch and the id, which breaks
 * ties. Encoded as `<micros>.<id>` (see encodeStoreCursor); never a Redis stream id.
 */
export interface StoreCursor {
  micros: bigint;
  id: string;
}

export interface OutputQuery extends OutputFilter {
  /** Entries written strictly before this position (older), newest first. */
  before?: StoreCursor;
  /** Entries written strictly after this position (newer), oldest first. */
  after?: StoreCursor;
  limit: number;
}

/** What a list shows of an entry, bounded in size whatever the entry holds. */
export interface OutputSummary {
  id: string;
  status: EntryStatus;
  /** Its position: pass to before/after. */
  cursor: string;
  /** ISO time the entry was (last) written. */
  writtenAt: string;
  name: string | null;
  title: string | null;
  date: string | null;
  publisher: string | null;
  pageUrl: string | null;
  bodyChars: number | null;
  language: string | null;
  story: string | null;
  /** Rejections: why. */
  reason: string | null;
}

export interface OutputCounts {
  total: number;
  byStatus: Record<EntryStatus, number>;
  byReason: Record<string, number>;
}

/** Characters of a title kept in a summary. */
export const SUMMARY_TITLE_CHARS = 300;
/** Characters of a body the text search covers (PostgreSQL's tsvector holds at most 1 MB). */
export const SEARCH_BODY_CHARS = 100_000;

const STORE_CURSOR = /^(\d{1,19})\.([0-9a-f]{64})$/;

export function encodeStoreCursor(cursor: StoreCursor): string {
  return `${cursor.micros}.${cursor.id}`;
}

export function decodeStoreCursor(text: string): StoreCursor | null {
  const match = STORE_CURSOR.exec(text);
  if (!match) return null;
  const micros = BigInt(match[1]!);
  return micros < 2n ** 63n ? { micros, id: match[2]! } : null;
}

/** The position before every entry: `after` it lists everything, oldest first. */
export const BEFORE_EVERYTHING: StoreCursor = { micros: -1n, id: '' };

export const isStoreCursor = (text: string): boolean => decodeStoreCursor(text) !== null;

/** Orders positions: negative when a is older than b. */
export function compareCursors(a: StoreCursor, b: StoreCursor): number {
  if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The words of a search, lowercased: runs of letters and digits. Every driver matches a
 * record when each word is a whole word of its title or body (PostgreSQL: the `simple`
 * text-search configuration, whose parser splits the same way for ordinary prose).
 */
export function searchWords(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/**
 * The calendar day of a record's date ('YYYY-MM-DD' or an ISO datetime), or null when the
 * date is not a day PostgreSQL's date type takes: a cast failing inside the write would fail
 * the job on every retry, for a column that only serves filters.
 */
export function dayOf(date: string | null): string | null {
  if (date === null) return null;
  const day = date.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day.startsWith('0000')) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

/** The text a search looks in: the title and the first SEARCH_BODY_CHARS of the body. */
export function searchTextOf(record: { title?: unknown; body?: unknown }): string {
  const title = typeof record.title === 'string' ? record.title : '';
  const body = typeof record.body === 'string' ? record.body.slice(0, SEARCH_BODY_CHARS) : '';
  return `${title} ${body}`;
}

/** FNV-1a, 32 bits, of a word's UTF-16 code units. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The distinct searchWords of a text as sorted 32-bit hashes: what the file store keeps per
 * record so a search tests memory, not files. Two words share a hash with odds of about one
 * in 2^32 / (distinct words of the record); a listed match is confirmed on the record itself.
 */
export function wordHashesOf(text: string): Uint32Array {
  return Uint32Array.from(new Set(searchWords(text).map(wordHash))).sort();
}

export const queryWordHashes = (q: string): number[] => searchWords(q).map(wordHash);

/** Whether sorted hashes hold every one of `wanted`. */
export function holdsAll(hashes: Uint32Array, wanted: readonly number[]): boolean {
  return wanted.every((h) => {
    let lo = 0;
    let hi = hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hashes[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return hashes[lo] === h;
  });
}

export function encodeHashes(hashes: Uint32Array): string {
  const bytes = Buffer.alloc(hashes.length * 4);
  hashes.forEach((h, i) => bytes.writeUInt32LE(h, i * 4));
  return bytes.toString('base64');
}

export function decodeHashes(text: string): Uint32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return null;
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i += 1) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}

/** The story a record was placed in, read loosely: the field arrives with schema version 2. */
export function storyIdOf(record: unknown): string | null {
  const story = (record as { story?: { id?: unknown } | null } | null)?.story;
  return typeof story?.id === 'string' ? story.id : null;
}

export const statusOfRejection = (rejection: Pick<RejectionRecord, 'reason'>): EntryStatus => (rejection.reason === 'failed' ? 'failed' : 'rejected');

/** Filters that only a record can match: with any of them, rejections are left out. */
export const hasRecordOnlyFilter = (f: OutputFilter): boolean =>
  f.from !== undefined || f.to !== undefined || f.publisher !== undefined || f.language !== undefined || f.q !== undefined || f.story !== undefined;

/** Which statuses a filter can match at all. */
export function statusesOf(f: OutputFilter): EntryStatus[] {
  const chosen: EntryStatus[] = f.status === undefined || f.status === 'all' ? ['record', 'rejected', 'failed'] : [f.status];
  return chosen.filter((s) => {
    if (s === 'record') return f.reason === undefined;
    if (hasRecordOnlyFilter(f)) return false;
    if (f.reason === undefined) return true;
    return s === 'failed' ? f.reason === 'failed' : f.reason !== 'failed';
  });
}

export const emptyCounts = (): OutputCounts => ({ total: 0, byStatus: { record: 0, rejected: 0, failed: 0 }, byReason: {} });

/** Summary fields of a record, as both drivers derive them. */
export function recordSummaryFields(record: StoredRecord): Omit<OutputSummary, 'id' | 'status' | 'cursor' | 'writtenAt'> {
  return {
    name: record.source.name,
    title: record.title?.slice(0, SUMMARY_TITLE_CHARS) ?? null,
    date: record.date,
    publisher: record.publisher,
    pageUrl: record.source.url,
    bodyChars: record.body.length,
    language: record.language,
    story: storyIdOf(record),
    reason: null,
  };
}

export function rejectionSummaryFields(rejection: RejectionRecord): Omit<OutputSummary, 'id' | 'status' | 'cursor' | 'writtenAt'> {
  return { name: rejection.source.name, title: null, date: null, publisher: null, pageUrl: null, bodyChars: null, language: null, story: null, reason: rejection.reason };
}
