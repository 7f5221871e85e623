// The bench's own Redis client: checks Redis answers, follows the records stream, and
// removes every key of a bench prefix afterwards.
import { Redis } from 'ioredis';

export async function connectOrNull(url) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectionName: 'scour-bench' });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch {
    redis.disconnect();
    return null;
  }
}

/** Deletes `<prefix>:*` (queue, stats, records stream); SCAN, never KEYS, on a shared Redis. */
export async function deletePrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Stream entry id "1700000000000-3" → its ms timestamp (the time Redis appended it). */
export const entryMs = (id) => Number(id.slice(0, id.indexOf('-')));

/** Every entry of a stream after `afterId` (exclusive) as { id, ms, fields: Map }. */
export async function readStream(redis, key, afterId = '-') {
  const entries = [];
  let start = afterId === '-' ? '-' : `(${afterId}`;
  for (;;) {
    const batch = await redis.xrange(key, start, '+', 'COUNT', 5000);
    for (const [id, flat] of batch) {
      const fields = new Map();
      for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i], flat[i + 1]);
      entries.push({ id, ms: entryMs(id), fields });
    }
    if (batch.length < 5000) return entries;
    start = `(${batch.at(-1)[0]}`;
  }
}

/** CPU seconds Redis has used so far (INFO cpu; it counts every client of that Redis). */
export async function redisCpuSeconds(redis) {
  const info = await redis.info('cpu');
  const field = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return field('used_cpu_user') + field('used_cpu_sys');
}
