import type { OutputKind, StoreKind } from '../stores/types.js';
import { storyIdOf } from '../stores/output-query.js';

/**
 * Every output the pipeline writes is announced on a Redis stream, so downstream programs
 * (and the dashboard's /api/records and /api/events) follow new records with XREAD or a
 * consumer group instead of polling a store. One entry per output:
 *   XADD <prefix>:records MAXLEN ~ 1000000 * id <sha256> status <record|rejected|failed> store <file|postgres>
 *        [title <text>] [date <ISO date>] [url <page URL>] [story <story id>]
 * The optional fields (a record's, when it has them) let a follower decide whether it wants
 * the entry without fetching it; entries written before they existed read back as null.
 * The entry names its output in store-neutral terms (id, status → kind, store kind), never
 * by a machine-local path: any host reads it back through its own configured store.
 */

export const recordsStreamKey = (prefix: string): string => `${prefix}:records`;

/** Approximate cap of the stream (MAXLEN ~): old events are trimmed, the store keeps everything. */
export const RECORDS_STREAM_MAX_LEN = 1_000_000;

/**
 * record = a clean record; rejected = a rejection from clean() or the producer; failed = a job
 * that exhausted its retries; updated = a record written earlier and rewritten (its story lent
 * it a date): not a new output, so readers counting outputs skip it.
 */
export const RECORD_STATUSES = ['record', 'rejected', 'failed', 'updated'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

const STORE_KINDS: readonly string[] = ['file', 'postgres'] satisfies StoreKind[];

/** Characters of a title carried by an event. */
export const EVENT_TITLE_CHARS = 300;

/** What a follower sees of a record before fetching it; null where the record has none (always, for rejections). */
export interface RecordEventDetails {
  title: string | null;
  date: string | null;
  /** The page URL the record came from (not an API path). */
  url: string | null;
  story: string | null;
}

export const DETAIL_FIELDS = ['title', 'date', 'url', 'story'] as const satisfies ReadonlyArray<keyof RecordEventDetails>;

/** One output, as written to the stream. */
export interface RecordEvent extends Partial<RecordEventDetails> {
  id: string;
  status: RecordStatus;
  /** The kind of store that holds it. */
  store: StoreKind;
}

/** The details of a record for its event. */
export function eventDetailsOf(record: { title: string | null; date: string | null; source: { url: string | null } }): RecordEventDetails {
  return { title: record.title?.slice(0, EVENT_TITLE_CHARS) ?? null, date: record.date, url: record.source.url, story: storyIdOf(record) };
}

/** A stream entry read back: the event, its details (null when absent) and its position. */
export type StreamEvent = ParsedRecordEvent & {
  /** Stream entry id ("<ms>-<seq>"): pass it back as `after`/`before` or `Last-Event-ID`. */
  cursor: string;
};

/** An event read back: every detail present, null where the entry has none. */
export type ParsedRecordEvent = Omit<RecordEvent, keyof RecordEventDetails> & RecordEventDetails;

/** Where an output of this status is kept: failures are written as rejections. */
export const outputKindOf = (status: RecordStatus): OutputKind => (status === 'record' || status === 'updated' ? 'records' : 'rejected');

/**
 * Reads one stream entry's flat field list back into an event; null if it is not one of
 * ours. Entries written before the store field existed (`path` instead) were on the file store.
 */
export function parseRecordEvent(fields: string[]): ParsedRecordEvent | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const id = map.get('id');
  const status = map.get('status');
  const store = map.get('store') ?? (map.has('path') ? 'file' : undefined);
  if (!id || !store || !STORE_KINDS.includes(store) || !RECORD_STATUSES.includes(status as RecordStatus)) return null;
  return {
    id,
    status: status as RecordStatus,
    store: store as StoreKind,
    title: map.get('title') ?? null,
    date: map.get('date') ?? null,
    url: map.get('url') ?? null,
    story: map.get('story') ?? null,
  };
}
