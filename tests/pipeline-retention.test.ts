import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestFile, type IngestContext } from '../src/producers/ingest-file.js';
import { reconcileRaw } from '../src/producers/reconcile-raw.js';
import { sweepKeptRaw } from '../src/producers/sweep-kept-raw.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import type { CleanJobContext } from '../src/workers/job-context.js';
import { processCleanJob } from '../src/workers/process-clean-job.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { standInClean } from './helpers/stand-in-clean.js';
import { waitFor } from './helpers/wait-for.js';

/** Raw retention (SCOUR_RAW_RETENTION), the sweeper, and the one info line per file. */
describe('raw retention and per-file lines (in process, real Redis)', () => {
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

  const context = (overrides: Partial<CleanJobContext> = {}): CleanJobContext => workerContext(h, standInClean, { rawRetentionMs: 60_000, ...overrides });
  const producerCtx = (rawRetentionMs = 60_000): IngestContext => ({
    raw: h.raw,
    output: h.output,
    queue: h.queue,
    redis: h.redis,
    prefix: h.prefix,
    logger: h.logger,
    rawRetentionMs,
  });
  const inFlight = async () => {
    const keys: string[] = [];
    for await (const key of h.raw.keys()) keys.push(key);
    return keys;
  };
  const fileLines = () => h.logLines.filter((line) => line.outcome !== undefined);
  const completed = (n: number) => waitFor(async () => (await h.queue.getJobCounts('completed')).completed === n, 10_000, `${n} completed`);

  it('keeps raw bytes after their output, out of the in-flight keys; a retried job then only announces', async () => {
    const good = await enqueueContent(h, 'good.txt', 'ARTICLE kept source');
    const bad = await enqueueContent(h, 'bad.txt', 'menu menu');
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await completed(2);
    expect(await inFlight()).toEqual([]);
    expect(Buffer.from((await h.raw.get(good))!).toString()).toBe('ARTICLE kept source');
    expect((await h.raw.info(bad))?.keptAt).not.toBeNull();

    // A retry of the finished job (its worker died before BullMQ heard of the end): the kept
    // bytes are not cleaned again, the output not rewritten, no second event.
    const before = (await h.output.read('records', good)) as CleanRecord;
    const job = (await h.queue.getJob(good))!;
    const outcome = await processCleanJob({ id: job.id, data: job.data, attemptsMade: 0, opts: { attempts: 2 } }, context({ now: () => Date.now() + 5000 }));
    expect(outcome).toEqual({ status: 'record', output: { store: 'file', kind: 'records', id: good } });
    expect(((await h.output.read('records', good)) as CleanRecord).pipeline.processedAt).toBe(before.pipeline.processedAt);
    expect((await h.events()).filter((event) => event.id === good)).toHaveLength(1);
    // Its line says what the file became, as the first attempt (which died before logging) would have.
    expect(fileLines().filter((line) => line.id === good).at(-1)).toMatchObject({ file: 'good.txt', outcome: 'record' });
    expect(fileLines().filter((line) => line.id === good)).toHaveLength(2);
  });

  it('logs one info line per file: name, outcome, reason, id and ms since it was dropped', async () => {
    const good = await enqueueContent(h, 'good.txt', 'ARTICLE logged');
    const bad = await enqueueContent(h, 'bad.txt', 'menu menu');
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await completed(2);
    const lines = fileLines();
    expect(lines).toHaveLength(2);
    const byId = Object.fromEntries(lines.map((line) => [line.id as string, line]));
    expect(byId[good]).toMatchObject({ level: 30, file: 'good.txt', outcome: 'record', id: good, msg: 'good.txt: record' });
    expect(byId[good]).not.toHaveProperty('reason');
    expect(byId[bad]).toMatchObject({ level: 30, file: 'bad.txt', outcome: 'rejected', reason: 'no-article', msg: 'bad.txt: rejected (no-article)' });
    for (const line of lines) expect(line.ms).toBeGreaterThanOrEqual(0);
  });

  it('logs a job that fails for good as one "failed" line with its error', async () => {
    const key = await enqueueContent(h, 'boom.txt', 'ARTICLE that breaks');
    const broken = () => {
      throw new Error('disk on fire');
    };
    worker = startCleanWorker(context({ clean: broken }), { redisUrl: h.redisUrl });
    await waitFor(async () => (await h.queue.getJobCounts('failed')).failed === 1, 10_000, 'failed job');
    await waitFor(() => fileLines().length === 1, 5000, 'the failed line');
    expect(fileLines()[0]).toMatchObject({ file: 'boom.txt', outcome: 'failed', id: key });
    expect(fileLines()[0]!.reason).toMatch(/disk on fire/);
    // A failed input is still work: its bytes stay in flight.
    expect(await inFlight()).toEqual([key]);
  });

  it('a duplicate of a finished input keeps its source kept, and is one "duplicate" line', async () => {
    const key = await enqueueContent(h, 'first.txt', 'ARTICLE twice');
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await completed(1);
    const again = join(h.inbox, 'again.txt');
    await writeFile(again, 'ARTICLE twice');
    const outcome = await ingestFile(again, 'again.txt', producerCtx(), { removeSource: true, within: h.inbox });
    expect(outcome).toMatchObject({ status: 'duplicate', key });
    expect(await inFlight()).toEqual([]);
    expect((await h.raw.info(key))?.keptAt).not.toBeNull();
    expect(fileLines().filter((line) => line.outcome === 'duplicate')).toEqual([
      expect.objectContaining({ level: 30, file: 'again.txt', id: key, msg: 'again.txt: duplicate skipped' }),
    ]);
  });

  it('the reconciler keeps (not deletes) an in-flight entry whose output exists, with a retention', async () => {
    const key = await enqueueContent(h, 'left.txt', 'ARTICLE left over');
    worker = startCleanWorker(context({ rawRetentionMs: 0 }), { redisUrl: h.redisUrl });
    await completed(1);
    await worker.close();
    worker = null;
    // A worker died between its write and its keep: the entry is in flight, its output there.
    await h.raw.put(key, Buffer.from('ARTICLE left over'));
    await (await h.queue.getJob(key))!.remove();
    const report = await reconcileRaw(producerCtx(), { graceMs: 0 });
    expect(report).toMatchObject({ scanned: 1, removed: 1, requeued: 0 });
    expect(await inFlight()).toEqual([]);
    expect(await h.raw.has(key)).toBe(true);
    await h.raw.put(key, Buffer.from('ARTICLE left over'));
    await reconcileRaw(producerCtx(0), { graceMs: 0 });
    expect(await h.raw.has(key)).toBe(false);
  });

  it('the sweeper removes kept entries past the retention, not younger ones, not in-flight ones, not one a live job reads', async () => {
    const due = await enqueueContent(h, 'due.txt', 'ARTICLE due');
    const wanted = await enqueueContent(h, 'wanted.txt', 'ARTICLE wanted');
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await completed(2);
    await worker.close();
    worker = null;
    const waiting = await enqueueContent(h, 'waiting.txt', 'ARTICLE still in flight');
    // A reprocess job waiting for the kept bytes of `wanted`.
    await (await h.queue.getJob(wanted))!.remove();
    await h.queue.add('clean', { rawKey: wanted, name: 'wanted.txt', bytes: 14, receivedAt: new Date().toISOString(), reprocess: true }, { jobId: wanted });

    expect(await sweepKeptRaw(producerCtx(60_000))).toEqual({ due: 0, removed: 0 });
    expect(await h.raw.has(due)).toBe(true);
    // Two sweepers at once remove each due entry once.
    const reports = await Promise.all([sweepKeptRaw(producerCtx(0)), sweepKeptRaw(producerCtx(0))]);
    expect(reports.reduce((sum, report) => sum + report.removed, 0)).toBe(1);
    expect(await h.raw.has(due)).toBe(false);
    expect(await h.raw.has(wanted)).toBe(true);
    expect(await inFlight()).toEqual([waiting]);
  });
});
