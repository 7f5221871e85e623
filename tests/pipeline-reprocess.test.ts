import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reprocessKept, type ReprocessOptions } from '../src/producers/reprocess-kept.js';
import { CleanRecord } from '../src/schemas/index.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import { VERSION } from '../src/version.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { standInClean } from './helpers/stand-in-clean.js';
import { waitFor } from './helpers/wait-for.js';

/** `scour reprocess`: kept raw entries queued again, their outputs rewritten by the current cleaner. */
describe('reprocess kept inputs (in process, real Redis)', () => {
  let h: PipelineHarness;
  let worker: Worker | null = null;
  beforeEach(async () => {
    h = await openHarness({ attempts: 2, backoffMs: 10 });
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
    await h.close();
  });

  const startWorker = () => {
    worker = startCleanWorker(workerContext(h, standInClean, { rawRetentionMs: 60_000 }), { redisUrl: h.redisUrl });
  };
  const reprocess = (options: Partial<ReprocessOptions> = {}) =>
    reprocessKept({ raw: h.raw, output: h.output, queue: h.queue, logger: h.logger }, { version: VERSION, all: false, ...options });
  const completed = (n: number) => waitFor(async () => (await h.queue.getJobCounts('completed')).completed === n, 10_000, `${n} completed`);
  const eventsOf = async (id: string) => (await h.events()).filter((event) => event.id === id).length;
  const recordOf = async (id: string) => CleanRecord.parse(await h.output.read('records', id));

  it('rewrites each kept input once per run, replacing its output and announcing it once per run', async () => {
    const a = await enqueueContent(h, 'a.txt', 'ARTICLE alpha');
    const b = await enqueueContent(h, 'b.txt', 'not an article');
    startWorker();
    await completed(2);
    const first = await recordOf(a);
    // By default only outputs another cleaner version made: none yet, then all under a newer one.
    expect(await reprocess({ version: first.pipeline.version })).toMatchObject({ scanned: 2, queued: 0, current: 2 });
    expect(await reprocess({ version: '9.9.9' })).toMatchObject({ scanned: 2, queued: 2, current: 0 });
    await waitFor(async () => (await eventsOf(b)) === 2 && (await eventsOf(a)) === 2, 10_000, 'both announced again');
    await completed(2);

    for (const run of [1, 2]) {
      const before = await recordOf(a);
      expect(await reprocess({ all: true })).toMatchObject({ scanned: 2, queued: 2, busy: 0 });
      await waitFor(async () => (await eventsOf(a)) === 2 + run && (await eventsOf(b)) === 2 + run, 10_000, `announced once more (run ${run})`);
      await completed(2);
      await waitFor(async () => (await recordOf(a)).pipeline.processedAt !== before.pipeline.processedAt, 10_000, 'record rewritten');
    }
    const after = await recordOf(a);
    // The record keeps its input's name and receipt time: it is the same input, cleaned again.
    expect(after.source).toEqual(first.source);
    expect(await h.output.count('records')).toBe(1);
    expect(await h.output.count('rejected')).toBe(1);
    // Kept still, out of the in-flight work.
    expect(await h.raw.has(a)).toBe(true);
    for await (const key of h.raw.keys()) throw new Error(`in flight after reprocessing: ${key}`);
  });

  it('counts each run\'s events: two runs = two more events per input, never more', async () => {
    const a = await enqueueContent(h, 'a.txt', 'ARTICLE counted');
    startWorker();
    await completed(1);
    await reprocess({ all: true });
    await waitFor(async () => (await eventsOf(a)) === 2, 10_000, 'second event');
    await completed(1);
    await reprocess({ all: true });
    await waitFor(async () => (await eventsOf(a)) === 3, 10_000, 'third event');
    await completed(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await eventsOf(a)).toBe(3);
  });

  it('--since selects by the time the input was received; entries still in flight are not reprocessed', async () => {
    const a = await enqueueContent(h, 'a.txt', 'ARTICLE old');
    startWorker();
    await completed(1);
    const received = Date.parse((await recordOf(a)).source.receivedAt);
    expect(await reprocess({ all: true, since: new Date(received + 60_000).toISOString() })).toMatchObject({ queued: 0, older: 1 });
    await worker!.close();
    worker = null;
    const waiting = await enqueueContent(h, 'b.txt', 'ARTICLE waiting');
    expect(await reprocess({ all: true, since: new Date(received - 1000).toISOString() })).toMatchObject({ scanned: 1, queued: 1 });
    expect((await h.queue.getJob(a))?.data).toMatchObject({ rawKey: a, name: 'a.txt', reprocess: true });
    // Asked again while its job waits: nothing is queued twice.
    expect(await reprocess({ all: true })).toMatchObject({ scanned: 1, queued: 0, busy: 1 });
    expect((await h.queue.getJob(waiting))?.data.reprocess).toBeUndefined();
  });
});
