import { readFileSync } from 'node:fs';
import type { Worker } from 'bullmq';
import { seedPath } from './helpers/seeds.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RejectionRecord } from '../src/schemas/index.js';
import { CleanThread, type CleanThreadOptions } from '../src/workers/clean-thread.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import type { CleanFn } from '../src/workers/job-context.js';
import { ensureDist } from './helpers/ensure-dist.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * Bounded work per job (issue 19), with the real cleaner in its real thread, real Redis and
 * real BullMQ workers. The slow input is a stand-in (tests/fixtures/threads/spin-clean.mjs):
 * what matters is that a call runs longer than the budget, whichever code makes it slow.
 */
const SPIN_MODULE = new URL('./fixtures/threads/spin-clean.mjs', import.meta.url);
const SEED = readFileSync(seedPath('000'), 'utf8');
const mb = (bytes: number) => bytes / (1024 * 1024);

describe('bounded work per job (real thread, real Redis)', () => {
  let h: PipelineHarness;
  const workers: Worker[] = [];
  const threads: CleanThread[] = [];
  beforeAll(ensureDist);
  beforeEach(async () => {
    h = await openHarness({ attempts: 3, backoffMs: 10 });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await Promise.all(threads.splice(0).map((t) => t.close()));
    await h.close();
  });

  /** A worker whose clean() runs in its own thread; `calls` counts the inputs it was given, by name. */
  const startWorker = (lockMs: number, options: CleanThreadOptions, calls: Map<string, number>) => {
    const thread = new CleanThread(options);
    threads.push(thread);
    const counted: CleanFn = (input, cleanOptions) => {
      calls.set(input.name, (calls.get(input.name) ?? 0) + 1);
      return thread.run(input, cleanOptions);
    };
    const ctx = workerContext(h, counted, { maxBytes: 16 << 20, stableMs: 0 });
    const worker = startCleanWorker(ctx, { redisUrl: h.redisUrl, lockMs, concurrency: 4 });
    workers.push(worker);
    return worker;
  };

  const enqueue = (name: string, content: string) => enqueueContent(h, name, content);

  it('an input over the time budget ends as too-slow, cleaned once by one of two workers, and both keep working', async () => {
    const calls = new Map<string, number>();
    const stalled: string[] = [];
    // Lock 2 s, budget 1.5 s: the input would run 30 s, fifteen locks long.
    for (let i = 0; i < 2; i++) startWorker(2000, { budgetMs: 1500, module: SPIN_MODULE, inlineMaxBytes: 0 }, calls).on('stalled', (id) => stalled.push(id));
    const slow = await enqueue('slow.txt', 'SPIN 30000');
    const seeds = await Promise.all([1, 2, 3].map((i) => enqueue(`seed-${i}.txt`, `${SEED}\nReference ${i}.\n`)));

    await waitFor(async () => (await h.queue.getJobCounts('completed')).completed === 4, 30_000, 'four jobs completed');
    expect(RejectionRecord.parse(await h.output.read('rejected', slow))).toMatchObject({ reason: 'too-slow', attempts: 1 });
    for (const key of seeds) expect(await h.output.read('records', key)).not.toBeNull();
    // Past two more lock periods: a job that had lost its lock would have been picked up again by now.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(calls.get('slow.txt')).toBe(1);
    expect(stalled).toEqual([]);
    expect((await h.queue.getJob(slow))?.attemptsMade).toBe(1);
    expect((await h.events()).filter((e) => e.id === slow).map((e) => e.status)).toEqual(['rejected']);
  });

  it('8 MB of <p>x</p> ends as too-complex in bounded memory, and the worker keeps working', async () => {
    const calls = new Map<string, number>();
    startWorker(30_000, { inlineMaxBytes: 0 }, calls);
    const warm = await enqueue('warm.txt', SEED);
    await waitFor(async () => (await h.output.read('records', warm)) !== null, 30_000, 'first record');
    const peakBefore = mb(process.resourceUsage().maxRSS * 1024);
    const rssBefore = mb(process.memoryUsage().rss);

    const heavy = await enqueue('heavy.html', '<p>x</p>'.repeat(1_000_000));
    const after = await enqueue('after.txt', `${SEED}\nAfter the heavy one.\n`);
    await waitFor(async () => (await h.output.read('rejected', heavy)) !== null && (await h.output.read('records', after)) !== null, 60_000, 'both outputs');
    expect(RejectionRecord.parse(await h.output.read('rejected', heavy))).toMatchObject({ reason: 'too-complex', attempts: 1 });

    // It took 1.7 GB of a worker before; now the raw bytes and their copies, in one process.
    const peakGrowth = mb(process.resourceUsage().maxRSS * 1024) - peakBefore;
    expect(peakGrowth).toBeLessThan(250);
    expect(mb(process.memoryUsage().rss) - rssBefore).toBeLessThan(150);
  });
});
