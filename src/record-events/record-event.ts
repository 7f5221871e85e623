import type { OutputKind, StoreKind } from '../stores/types.js';

/**
 * Every output the pipeline writes is announced on a Redis stream, so downstream programs
 * (and the dashboard's /api/records and /api/events) follow new records with XREAD or a
 * consumer group instead of polling a store. One entry per output:
 *   XADD <prefix>:records MAXLEN ~ 1000000 * id <sha256> status <record|rejected|failed> store <file|postgres>
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

/** One output, as written to the stream. */
export interface RecordEvent {
  id: string;
  status: RecordStatus;
  /** The kind of store that holds it. */
  store: StoreKind;
}

/** A stream entry read back: the event and its position. */
export interface StreamEvent extends RecordEvent {
  /** Stream entry id ("<ms>-<seq>"): pass it back as `after`/`before` or `Last-Event-ID`. */
  cursor: string;
}

/** Where an output of this status is kept: failures are written as rejections. */
export const outputKindOf = (status: RecordStatus): OutputKind => (status === 'record' || status === 'updated' ? 'records' : 'rejected');

/**
 * Reads one stream entry's flat field list back into an event; null if it is not one of
 * ours. Entries written before the store field existed (`path` instead) were on the file store.
 */
export function parseRecordEvent(fields: string[]): RecordEvent | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const id = map.get('id');
  const status = map.get('status');
  const store = map.get('store') ?? (map.has('path') ? 'file' : undefined);
  if (!id || !store || !STORE_KINDS.includes(store) || !RECORD_STATUSES.includes(status as RecordStatus)) return null;
  return { id, status: status as RecordStatus, store: store as StoreKind };
}
