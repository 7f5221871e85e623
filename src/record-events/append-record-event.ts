import type { Redis } from 'ioredis';
import { luaCommand } from '../redis/lua-command.js';
import { statsIncrements, statsKey, type StatsUpdate } from '../metrics/pipeline-stats.js';
import { DETAIL_FIELDS, RECORDS_STREAM_MAX_LEN, recordsStreamKey, type RecordEvent } from './record-event.js';

/** Makes the append happen at most once per (key, field): set on the job's own hash, it dies with the job. */
export interface AppendOnce {
  key: string;
  field: string;
}

// HSETNX, XADD and the stats in one script: atomic, so a retried job never announces (or
// counts) its output twice, a crash between the output write and the announcement leaves the
// flag unset, and a job's whole bookkeeping is one round trip to Redis.
// KEYS: flag hash, stream, stats hash. ARGV: flag field ('' = no flag), MAXLEN, n, then the
// entry's n (name, value) pairs, then (field, increment, 'f' for a float or 'i') per stats change.
const APPEND_SCRIPT = `
if ARGV[1] ~= '' and redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 0 then return false end
local n = tonumber(ARGV[3])
local entry = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', unpack(ARGV, 4, 3 + 2 * n))
for i = 4 + 2 * n, #ARGV, 3 do
  if ARGV[i + 2] == 'f' then redis.call('HINCRBYFLOAT', KEYS[3], ARGV[i], ARGV[i + 1])
  else redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1]) end
end
return entry
`;

/**
 * Appends one event, and counts `stats` with it; returns the stream entry id, or null when
 * `once` says the event was already sent (the stats were counted then, and are not again).
 */
export async function appendRecordEvent(redis: Redis, prefix: string, event: RecordEvent, once?: AppendOnce, stats: StatsUpdate = {}): Promise<string | null> {
  const changes = statsIncrements(stats).flatMap(({ field, by, float }) => [field, String(by), float ? 'f' : 'i']);
  const stream = recordsStreamKey(prefix);
  const fields = ['id', event.id, 'status', event.status, 'store', event.store];
  for (const name of DETAIL_FIELDS) {
    const value = event[name];
    if (value !== null && value !== undefined) fields.push(name, value);
  }
  const id = (await luaCommand(redis, 'scourAppendRecordEvent', 3, APPEND_SCRIPT)(
    once?.key ?? stream,
    stream,
    statsKey(prefix),
    once?.field ?? '',
    RECORDS_STREAM_MAX_LEN,
    fields.length / 2,
    ...fields,
    ...changes,
  )) as string | null;
  return id ?? null;
}
