import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { appendRecordEvent, eventDetailsOf, parseRecordEvent, recordsStreamKey } from '../src/record-events/index.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './helpers/redis-prefix.js';
import { sampleRecord, sha256 } from './helpers/sample-entries.js';

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

  const noDetails = { title: null, date: null, url: null, story: null };

  it('appends id, status and store kind in that order on <prefix>:records, never a machine-local path', async () => {
    const id = sha256('a');
    const entryId = await appendRecordEvent(redis, prefix, { id, status: 'rejected', store: 'file', title: null });
    expect(entryId).toMatch(/^\d+-\d+$/);
    const [[, fields]] = (await redis.xrange(recordsStreamKey(prefix), '-', '+')) as [[string, string[]]];
    expect(fields).toEqual(['id', id, 'status', 'rejected', 'store', 'file']);
    expect(parseRecordEvent(fields)).toEqual({ id, status: 'rejected', store: 'file', ...noDetails });
    // Entries written by 0.1 (a path instead of a store kind) were all on the file store.
    expect(parseRecordEvent(['id', id, 'status', 'record', 'path', '/x/out/records/a.json'])).toEqual({ id, status: 'record', store: 'file', ...noDetails });
  });

  it("carries a record's title, date, page URL and story id, so a follower need not fetch it to choose", async () => {
    const id = sha256('details');
    const record = { ...sampleRecord('details'), title: `T${'x'.repeat(400)}`, source: { ...sampleRecord('details').source, url: 'https://example.com/a' }, story: { id: 'story-9' } };
    const details = eventDetailsOf(record);
    expect(details).toEqual({ title: `T${'x'.repeat(299)}`, date: '2021-07-14', url: 'https://example.com/a', story: 'story-9' });
    const entryId = await appendRecordEvent(redis, prefix, { id, status: 'record', store: 'postgres', ...details, date: null });
    const [[, fields]] = (await redis.xrange(recordsStreamKey(prefix), entryId!, entryId!)) as [[string, string[]]];
    expect(fields).toEqual(['id', id, 'status', 'record', 'store', 'postgres', 'title', details.title, 'url', 'https://example.com/a', 'story', 'story-9']);
    expect(parseRecordEvent(fields)).toEqual({ id, status: 'record', store: 'postgres', ...details, date: null });
    expect(eventDetailsOf(sampleRecord('no story')).story).toBeNull();
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
