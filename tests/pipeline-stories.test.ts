import { readFileSync } from 'node:fs';
import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { CleanRecord } from '../src/schemas/index.js';
import { RedisStoryIndex } from '../src/stories/redis-index.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { SEEDS, seedPath } from './helpers/seeds.js';
import { waitFor } from './helpers/wait-for.js';

/** Two worker processes' worth of workers on one queue, each with its own stories index connection. */
describe('stories through a two-worker pipeline (real Redis, real cleaner)', () => {
  let h: PipelineHarness;
  const workers: Worker[] = [];
  const indexes: RedisStoryIndex[] = [];
  beforeEach(async () => {
    h = await openHarness({ attempts: 3, backoffMs: 10 });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await Promise.all(indexes.splice(0).map((i) => i.close()));
    await h.close();
  });

  function startWorkers(n: number): void {
    for (let i = 0; i < n; i++) {
      const stories = new RedisStoryIndex(h.redis, { prefix: h.prefix });
      indexes.push(stories);
      workers.push(startCleanWorker(workerContext(h, clean, { stories }), { redisUrl: h.redisUrl, concurrency: 4 }));
    }
  }

  const record = async (id: string): Promise<CleanRecord> => CleanRecord.parse(await h.output.read('records', id));
  const seedText = (prefix: string) => readFileSync(seedPath(prefix), 'utf8');

  it('copies of one story dropped together end in one story, with one first', async () => {
    const base = seedText('003');
    const keys = await Promise.all(
      Array.from({ length: 8 }, (_, n) => enqueueContent(h, `copy-${n}.txt`, `Outlet ${n} reports on the call.\n\n${base}`)),
    );
    startWorkers(2);
    await waitFor(async () => (await h.output.count('records')) === keys.length, 30_000, 'every copy written');
    const records = await Promise.all(keys.map(record));
    expect(new Set(records.map((r) => r.story!.id)).size).toBe(1);
    expect(records.filter((r) => r.story!.relation === 'first')).toHaveLength(1);
    expect(records.every((r) => r.date === '2021-07-09' && r.dateEvidence?.source === 'header')).toBe(true);
  });

  it('the seeds come out as offline, and a dated member arriving later dates an earlier record (rewritten and announced again)', async () => {
    startWorkers(2);
    const first = await enqueueContent(h, SEEDS[2]!.name, seedText('002'));
    await waitFor(async () => (await h.output.read('records', first)) !== null, 30_000, '002 written');
    expect((await record(first)).date).toBeNull();
    const rest = await Promise.all(SEEDS.filter((_, i) => i !== 2).map((s) => enqueueContent(h, s.name, readFileSync(s.path, 'utf8'))));
    await waitFor(async () => (await h.output.count('records')) === 5, 30_000, 'five records');
    const byPrefix = new Map((await Promise.all([first, ...rest].map(record))).map((r) => [r.source.name.slice(0, 3), r]));
    // 004 may be written before 003 too: then 003's worker, or 004's own second look, dates it.
    await waitFor(async () => (await Promise.all([first, ...rest].map(record))).filter((r) => r.date === null).length === 0, 10_000, '002 and 004 dated from their story');
    for (const r of await Promise.all([first, ...rest].map(record))) byPrefix.set(r.source.name.slice(0, 3), r);
    const story = (p: string) => byPrefix.get(p)!.story!.id;
    expect(story('003')).toBe(first);
    expect(story('004')).toBe(first);
    expect(story('000')).toBe(byPrefix.get('000')!.id);
    expect(story('001')).toBe(byPrefix.get('001')!.id);
    for (const p of ['002', '004']) {
      expect(byPrefix.get(p)!.date).toBe('2021-07-09');
      expect(byPrefix.get(p)!.dateEvidence).toMatchObject({ source: 'story', memberId: byPrefix.get('003')!.id });
    }
    // A record dated later is rewritten before it is announced: wait for the event, not only the record.
    await waitFor(async () => (await h.events()).filter((e) => e.id === first).length >= 2, 10_000, '002 announced as updated');
    const events002 = (await h.events()).filter((e) => e.id === first);
    expect(events002.map((e) => e.status)).toEqual(['record', 'updated']);
    // 004 is announced as updated only if it was written before 003 was placed: at most once.
    expect((await h.events()).filter((e) => e.id === byPrefix.get('004')!.id && e.status === 'updated').length).toBeLessThanOrEqual(1);
  });
});
