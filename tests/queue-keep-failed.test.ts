import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { addCleanJob, createCleanQueue, defaultJobOptions, DEFAULT_KEEP_FAILED, type CleanQueue } from '../src/queue/clean-queue.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import { openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { sha256 } from './helpers/sample-entries.js';
import { waitFor } from './helpers/wait-for.js';

/** Redis never evicts, so failed jobs must not pile up in it forever: the newest N stay, all are counted. */
describe('failed jobs kept in Redis (real Redis)', () => {
  let h: PipelineHarness;
  let queue: CleanQueue;
  let worker: Worker | null = null;
  beforeEach(async () => {
    h = await openHarness();
    queue = createCleanQueue(h.redisUrl, { prefix: h.prefix, attempts: 1, backoffMs: 10, keepFailed: 2 }, 'test-failed');
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
    await queue.close();
    await h.close();
  });

  it('keeps the newest SCOUR_KEEP_FAILED failed jobs, removes older ones, and counts every failure', async () => {
    const broken = () => {
      throw new Error('always fails');
    };
    worker = startCleanWorker(workerContext(h, broken), { redisUrl: h.redisUrl, concurrency: 1 });
    const keys: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const bytes = Buffer.from(`failing input ${i}`);
      const key = sha256(bytes);
      keys.push(key);
      await h.raw.put(key, bytes);
      await addCleanJob(queue, { rawKey: key, name: `f${i}.txt`, bytes: bytes.length, receivedAt: new Date().toISOString() });
    }
    await waitFor(async () => (await readStats(h.redis, h.prefix)).counters.job_failures === 5, 15_000, 'five failures counted');
    await waitFor(async () => (await queue.getJobCounts('failed')).failed === 2, 5000, 'two failed jobs kept');
    // Every failure still ends visible: a "failed" rejection each, and its raw bytes for a retry.
    for (const key of keys) expect(await h.output.read('rejected', key)).toMatchObject({ reason: 'failed' });
    expect(await h.output.count('rejected')).toBe(5);
  });

  it('defaults to 10,000 kept failed jobs', () => {
    expect(defaultJobOptions({ attempts: 1, backoffMs: 1 }).removeOnFail).toEqual({ count: DEFAULT_KEEP_FAILED });
    expect(DEFAULT_KEEP_FAILED).toBe(10_000);
  });
});
