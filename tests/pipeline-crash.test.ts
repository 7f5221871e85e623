import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { createCleanQueue } from '../src/queue/clean-queue.js';
import { e2eScope } from './helpers/e2e-env.js';
import { generatedInput, sha256 } from './helpers/generate-inputs.js';
import { compareOutputs, outputCount, repeatedIds } from './helpers/output-check.js';
import { spawnScour } from './helpers/scour-process.js';
import { privateRedisServer } from './helpers/private-redis-server.js';
import { waitFor } from './helpers/wait-for.js';

/** Writes n generated inputs into dir; returns their sha256 ids. */
async function writeInputs(dir: string, n: number, offset = 0): Promise<Set<string>> {
  await mkdir(dir, { recursive: true });
  const ids = new Set<string>();
  for (let i = offset; i < offset + n; i += 1) {
    const content = generatedInput(i);
    ids.add(sha256(content));
    await writeFile(join(dir, `input-${i}.txt`), content);
  }
  return ids;
}

describe('pipeline crash safety (real processes, real Redis)', () => {
  const { open, cleanups } = e2eScope();

  it('a worker SIGKILLed in the middle of 1,000 jobs, then restarted → all processed, none twice, none missing', async () => {
    const env = await open('kill-worker');
    const expected = await writeInputs(join(env.dataDir, 'inputs'), 1000);
    expect((await spawnScour(['add', join(env.dataDir, 'inputs')], env.env).exited).code).toBe(0);
    const started = Date.now();
    const first = env.track(spawnScour(['worker', '--workers', '1', '--concurrency', '4'], env.env));
    await waitFor(async () => (await outputCount(env.out)) >= 200, 60_000, '200 outputs', 20);
    first.kill('SIGKILL');
    await first.exited;
    const atKill = await outputCount(env.out);
    expect(atKill).toBeLessThan(1000);
    const second = env.track(spawnScour(['worker', '--workers', '1', '--concurrency', '4'], env.env));
    await waitFor(async () => (await outputCount(env.out)) >= 1000, 90_000, '1,000 outputs', 200);
    const elapsed = Date.now() - started;

    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    const queue = createCleanQueue(env.env.REDIS_URL!, { prefix: env.prefix, attempts: 5, backoffMs: 100 });
    try {
      // A job the killed worker had written but not yet announced comes back once its lock
      // expires; the restarted worker finishes it. Only then is every job done and announced.
      await waitFor(async () => (await queue.getJobCounts('completed')).completed === 1000, 30_000, '1,000 completed jobs');
      expect(await queue.getJobCounts('failed', 'waiting', 'active')).toEqual({ failed: 0, waiting: 0, active: 0 });
    } finally {
      await queue.close();
    }
    const events = await env.events();
    expect(repeatedIds(events)).toEqual([]);
    expect(events).toHaveLength(1000);
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    console.info(`[pipeline-crash] worker SIGKILL at ${atKill}/1000 outputs; all 1,000 stored once after ${elapsed} ms`);
  });

  it('the producer SIGKILLed mid-ingest, then restarted → no file lost, none enqueued twice', async () => {
    const env = await open('kill-producer');
    const expected = await writeInputs(env.inbox, 1000);
    const queue = createCleanQueue(env.env.REDIS_URL!, { prefix: env.prefix, attempts: 5, backoffMs: 100 });
    try {
      const started = Date.now();
      const first = env.track(spawnScour(['producer'], env.env));
      await waitFor(async () => (await queue.count()) >= 200, 60_000, '200 jobs', 10);
      first.kill('SIGKILL');
      await first.exited;
      const atKill = await queue.count();
      const leftInInbox = (await env.inboxFiles()).length;
      expect(leftInInbox).toBeGreaterThan(0);
      const second = env.track(spawnScour(['producer'], env.env));
      await waitFor(async () => (await env.inboxFiles()).length === 0, 60_000, 'empty inbox', 100);
      const elapsed = Date.now() - started;

      const jobs = await queue.getJobs(['waiting']);
      expect(jobs).toHaveLength(1000);
      expect(new Set(jobs.map((job) => job.id))).toEqual(expected);
      for (const job of jobs) expect(sha256(generatedInput(Number(/input-(\d+)/.exec(job.data.name)![1]))), job.data.name).toBe(job.id);
      // Counters match what happened: each job counted once as ingested, whichever producer
      // counted it; only files in flight at the kill (at most the 4 ingested at once) may
      // also count as a duplicate when met again.
      const stats = await readStats(env.redis, env.prefix);
      expect(stats.counters.files_ingested).toBe(1000);
      expect(stats.counters.duplicates_skipped).toBeLessThanOrEqual(4);
      second.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      console.info(`[pipeline-crash] producer SIGKILL at ${atKill}/1000 jobs (${leftInInbox} files left); inbox empty and 1,000 distinct jobs after ${elapsed} ms`);
    } finally {
      await queue.close();
    }
  });

  it('Redis restarted during a run (private redis-server, append-only) → the pipeline reconnects and finishes, nothing lost', async () => {
    const redis = await privateRedisServer('redis-restart', ['--appendonly', 'yes', '--save', '']);
    cleanups.push(redis.remove);
    await redis.start();
    const url = redis.url;

    const env = await open('redis-restart', url);
    const producer = env.track(spawnScour(['producer'], env.env));
    const worker = env.track(spawnScour(['worker', '--workers', '1', '--concurrency', '2'], env.env));
    await producer.waitForLog(/watching the inbox/);
    await worker.waitForLog(/worker ready/);
    const started = Date.now();
    const expected = await writeInputs(env.inbox, 300);
    await waitFor(async () => (await outputCount(env.out)) >= 50, 60_000, '50 outputs', 20);
    await redis.stop();
    const atRestart = await outputCount(env.out);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.start();
    const more = await writeInputs(env.inbox, 50, 300);
    for (const id of more) expected.add(id);
    await waitFor(async () => (await outputCount(env.out)) >= 350, 90_000, '350 outputs', 200);
    const elapsed = Date.now() - started;

    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    await waitFor(async () => (await env.events()).length >= 350, 10_000, '350 events');
    const events = await env.events();
    expect(repeatedIds(events)).toEqual([]);
    expect(events).toHaveLength(350);
    expect(producer.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
    console.info(`[pipeline-crash] Redis restarted at ${atRestart}/350 outputs; all 350 stored once after ${elapsed} ms`);
  });
});
