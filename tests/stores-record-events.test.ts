import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { appendRecordEvent, parseRecordEvent, RECORD_EVENT_FIELDS, recordsStreamKey } from '../src/stores/record-events.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './helpers/redis-prefix.js';
import { sha256 } from './helpers/sample-entries.js';

describe('records stream events (real Redis)', () => {
  let redis: Redis;
  const prefix = testPrefix();
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it('appends id, status and path in that order on <prefix>:records, capped with MAXLEN ~', async () => {
    const id = sha256('a');
    const entryId = await appendRecordEvent(redis, prefix, { id, status: 'record', path: `/out/records/${id}.json` });
    expect(entryId).toMatch(/^\d+-\d+$/);
    const [[, fields]] = (await redis.xrange(recordsStreamKey(prefix), '-', '+')) as [[string, string[]]];
    expect(fields.filter((_, i) => i % 2 === 0)).toEqual([...RECORD_EVENT_FIELDS]);
    expect(parseRecordEvent(fields)).toEqual({ id, status: 'record', path: `/out/records/${id}.json` });
  });

  it('with a once-guard, a second append for the same key and field is dropped atomically', async () => {
    const id = sha256('b');
    const guard = { key: `${prefix}:clean:${id}`, field: 'scour:announced:rejected' };
    const first = await appendRecordEvent(redis, prefix, { id, status: 'rejected', path: 'p' }, guard);
    const again = await Promise.all(Array.from({ length: 5 }, () => appendRecordEvent(redis, prefix, { id, status: 'rejected', path: 'p' }, guard)));
    expect(first).not.toBeNull();
    expect(again).toEqual([null, null, null, null, null]);
    const entries = await redis.xrange(recordsStreamKey(prefix), '-', '+');
    expect(entries.filter(([, fields]) => parseRecordEvent(fields)?.id === id)).toHaveLength(1);
  });

  it('counts the stats given with an event once, with the event, and not again when the event is dropped', async () => {
    const id = sha256('c');
    const guard = { key: `${prefix}:clean:${id}`, field: 'scour:announced:record' };
    const stats = {
      counters: { records_written: 1, bytes_processed: 1234 },
      rejections: {},
      observe: { clean_duration_seconds: 0.003 },
    };
    await appendRecordEvent(redis, prefix, { id, status: 'record', path: 'p' }, guard, stats);
    await appendRecordEvent(redis, prefix, { id, status: 'record', path: 'p' }, guard, stats);
    await appendRecordEvent(redis, prefix, { id: sha256('d'), status: 'rejected', path: 'q' }, undefined, { rejections: { 'too-short': 1 } });
    const snapshot = await readStats(redis, prefix);
    expect(snapshot.counters.records_written).toBe(1);
    expect(snapshot.counters.bytes_processed).toBe(1234);
    expect(snapshot.rejections).toEqual({ 'too-short': 1 });
    const clean = snapshot.histograms.clean_duration_seconds;
    expect(clean.count).toBe(1);
    expect(clean.sum).toBeCloseTo(0.003, 6);
    expect(clean.buckets.get(0.005)).toBe(1);
  });

  it('parseRecordEvent refuses entries that are not record events', () => {
    expect(parseRecordEvent(['id', 'x', 'status', 'bogus', 'path', 'p'])).toBeNull();
    expect(parseRecordEvent(['id', 'x'])).toBeNull();
  });
});
