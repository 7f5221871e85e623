import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { appendRecordEvent, parseRecordEvent, recordsStreamKey } from '../src/record-events/index.js';
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

  it('appends id, status and store kind in that order on <prefix>:records, never a machine-local path', async () => {
    const id = sha256('a');
    const entryId = await appendRecordEvent(redis, prefix, { id, status: 'record', store: 'file' });
    expect(entryId).toMatch(/^\d+-\d+$/);
    const [[, fields]] = (await redis.xrange(recordsStreamKey(prefix), '-', '+')) as [[string, string[]]];
    expect(fields).toEqual(['id', id, 'status', 'record', 'store', 'file']);
    expect(parseRecordEvent(fields)).toEqual({ id, status: 'record', store: 'file' });
    // Entries written by 0.1 (a path instead of a store kind) were all on the file store.
    expect(parseRecordEvent(['id', id, 'status', 'record', 'path', '/x/out/records/a.json'])).toEqual({ id, status: 'record', store: 'file' });
  });

  it('with a once-guard, a second append for the same key and field is dropped atomically', async () => {
    const id = sha256('b');
    const guard = { key: `${prefix}:clean:${id}`, field: 'scour:announced:rejected' };
    const first = await appendRecordEvent(redis, prefix, { id, status: 'rejected', store: 'file' }, guard);
    const again = await Promise.all(Array.from({ length: 5 }, () => appendRecordEvent(redis, prefix, { id, status: 'rejected', store: 'file' }, guard)));
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
    await appendRecordEvent(redis, prefix, { id, status: 'record', store: 'file' }, guard, stats);
    await appendRecordEvent(redis, prefix, { id, status: 'record', store: 'file' }, guard, stats);
    await appendRecordEvent(redis, prefix, { id: sha256('d'), status: 'rejected', store: 'file' }, undefined, { rejections: { 'too-short': 1 } });
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
