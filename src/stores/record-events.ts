import type { Redis } from 'ioredis';

/**
 * Every entry the output store receives is announced on a Redis stream, so downstream
 * programs (and the dashboard's /api/records and /api/events) follow new records with
 * XREAD / consumer groups instead of polling folders. One entry per output:
 *   XADD <prefix>:records MAXLEN ~ 1000000 * id <sha256> status <record|rejected|failed> path <location>
 */

export const recordsStreamKey = (prefix: string): string => `${prefix}:records`;

/** Approximate cap of the stream (MAXLEN ~): old events are trimmed, the store keeps everything. */
export const RECORDS_STREAM_MAX_LEN = 1_000_000;

/** Field names of a stream entry, in the order they are written. */
export const RECORD_EVENT_FIELDS = ['id', 'status', 'path'] as const;

/** record = out/records/<id>.json; rejected = a rejection from clean(); failed = a job that exhausted its retries. */
export const RECORD_STATUSES = ['record', 'rejected', 'failed'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export interface RecordEvent {
  id: string;
  status: RecordStatus;
  /** Where the entry is (a file path for the filesystem store). */
  path: string;
}

/** Makes the append happen at most once per (key, field): set on the job's own hash, it dies with the job. */
export interface AppendOnce {
  key: string;
  field: string;
}

// HSETNX and XADD in one script: atomic, so a retried job never announces its output twice
// and a crash between the output write and the announcement leaves the flag unset.
const APPEND_ONCE_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 0 then return false end
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'id', ARGV[3], 'status', ARGV[4], 'path', ARGV[5])
`;

/** Appends one event; returns the stream entry id, or null when `once` says it was already sent. */
export async function appendRecordEvent(redis: Redis, prefix: string, event: RecordEvent, once?: AppendOnce): Promise<string | null> {
  const stream = recordsStreamKey(prefix);
  if (once) {
    const id = (await redis.eval(APPEND_ONCE_SCRIPT, 2, once.key, stream, once.field, RECORDS_STREAM_MAX_LEN, event.id, event.status, event.path)) as string | null;
    return id ?? null;
  }
  return redis.xadd(stream, 'MAXLEN', '~', RECORDS_STREAM_MAX_LEN, '*', 'id', event.id, 'status', event.status, 'path', event.path);
}

/** Reads one stream entry's flat field list back into an event; null if it is not one of ours. */
export function parseRecordEvent(fields: string[]): RecordEvent | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const id = map.get('id');
  const status = map.get('status');
  const path = map.get('path');
  if (!id || !path || !RECORD_STATUSES.includes(status as RecordStatus)) return null;
  return { id, status: status as RecordStatus, path };
}
