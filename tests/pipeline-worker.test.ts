import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { openInputFile } from '../src/producers/open-input-file.js';
import { RejectionRecord, type CleanRecord } from '../src/schemas/index.js';
import type { OutputStore } from '../src/stores/types.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import type { CleanFn, CleanJobContext } from '../src/workers/job-context.js';
import { processCleanJob } from '../src/workers/process-clean-job.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';
import { sha256 } from './helpers/sample-entries.js';
import { standInClean } from './helpers/stand-in-clean.js';
import { waitFor } from './helpers/wait-for.js';

describe('clean worker (in process, real Redis)', () => {
  let h: PipelineHarness;
  let worker: Worker | null = null;
  beforeEach(async () => {
    h = await openHarness({ attempts: 3, backoffMs: 10 });
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
    await h.close();
  });

  const context = (overrides: Partial<CleanJobContext> = {}): CleanJobContext => workerContext(h, standInClean, overrides);

  const enqueue = (name: string, content: string) => enqueueContent(h, name, content);

  it('writes records and rejections, announces each once, deletes raw bytes, counts', async () => {
    const good = await enqueue('good.txt', 'ARTICLE a real story');
    const bad = await enqueue('bad.txt', 'menu menu menu');
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await waitFor(async () => (await h.output.count('records')) === 1 && (await h.output.count('rejected')) === 1, 10_000, 'outputs');
    expect(((await h.output.read('records', good)) as CleanRecord).body).toBe('ARTICLE a real story');
    expect(await h.output.read('rejected', bad)).toMatchObject({ reason: 'no-article', attempts: 1, source: { name: 'bad.txt' } });
    await waitFor(async () => (await h.queue.getJobCounts('completed')).completed === 2, 10_000, 'completed');
    expect(await h.raw.has(good)).toBe(false);
    expect(await h.raw.has(bad)).toBe(false);
    const events = await h.events();
    expect(events.map((e) => `${e.id}:${e.status}`).sort()).toEqual([`${bad}:rejected`, `${good}:record`].sort());
    // A record's event carries what a follower chooses by; a rejection's carries none.
    const record = (await h.output.read('records', good)) as CleanRecord;
    expect(events.find((e) => e.id === good)).toMatchObject({ title: record.title, date: record.date, url: record.source.url, story: null });
    expect(events.find((e) => e.id === bad)).toMatchObject({ title: null, date: null, url: null, story: null });
    const stats = await readStats(h.redis, h.prefix);
    expect(stats.counters.records_written).toBe(1);
    expect(stats.rejections['no-article']).toBe(1);
    expect(stats.histograms.clean_duration_seconds.count).toBe(2);
  });

  it('a record failing its schema fails at once (no retries) as a "failed" rejection; raw bytes are kept', async () => {
    const broken: CleanFn = (input, options) => {
      const result = standInClean(input, options);
      return result.ok ? { ok: true, record: { ...result.record, body: '' } } : result;
    };
    const key = await enqueue('broken.txt', 'ARTICLE whose body goes missing');
    worker = startCleanWorker(context({ clean: broken }), { redisUrl: h.redisUrl });
    await waitFor(async () => (await h.queue.getJobCounts('failed')).failed === 1, 10_000, 'failed job');
    const job = await h.queue.getJob(key);
    expect(job?.attemptsMade).toBe(1);
    const rejection = RejectionRecord.parse(await h.output.read('rejected', key));
    expect(rejection).toMatchObject({ reason: 'failed', attempts: 1 });
    expect(rejection.detail).toMatch(/UnrecoverableError: record failed its schema at body/);
    expect(await h.raw.has(key)).toBe(true);
    expect((await h.events()).map((e) => e.status)).toEqual(['failed']);
    expect((await readStats(h.redis, h.prefix)).counters.job_failures).toBe(1);
  });

  it('a slow writer: bytes written after the file was queued become an input of their own once they hold still; nothing is lost', async () => {
    // The producer keeps the inbox file itself (a hard link): a writer still writing to it
    // after it was queued changes the raw entry. The late bytes must not be lost.
    const path = join(h.dataDir, 'late.txt');
    await writeFile(path, 'ARTICLE as first written');
    const { key, bytes } = await h.raw.addFile(openInputFile(path), { claim: true });
    await appendFile(path, ' and a late paragraph');
    await h.queue.add('clean', { rawKey: key, name: 'late.txt', bytes, receivedAt: new Date().toISOString() }, { jobId: key });
    const cleaned: string[] = [];
    const counting: CleanFn = (input, options) => {
      cleaned.push(Buffer.from(input.bytes).toString());
      return standInClean(input, options);
    };
    worker = startCleanWorker(context({ clean: counting }), { redisUrl: h.redisUrl });
    const final = sha256('ARTICLE as first written and a late paragraph');
    await waitFor(async () => (await h.output.read('records', final)) !== null, 10_000, 'record of the final bytes');
    expect(cleaned).toEqual(['ARTICLE as first written and a late paragraph']);
    const superseded = RejectionRecord.parse(await h.output.read('rejected', key));
    expect(superseded).toMatchObject({ reason: 'superseded', source: { name: 'late.txt' } });
    expect(superseded.detail).toContain(final);
    expect((await h.queue.getJob(final))?.data).toMatchObject({ name: 'late.txt' });
    await waitFor(async () => !(await h.raw.has(key)) && !(await h.raw.has(final)), 5000, 'both raw entries released');
  });

  it('bytes still being written are not taken: the job retries until they hold still', async () => {
    const path = join(h.dataDir, 'growing.txt');
    await writeFile(path, 'ARTICLE part 1');
    const { key, bytes } = await h.raw.addFile(openInputFile(path), { claim: true });
    await h.queue.add('clean', { rawKey: key, name: 'growing.txt', bytes, receivedAt: new Date().toISOString() }, { jobId: key, attempts: 5, backoff: { type: 'fixed', delay: 100 } });
    // Already written to once after it was queued; the writer goes on while the worker looks.
    await appendFile(path, ' part 2');
    let parts = 2;
    let writing: Promise<void> = Promise.resolve();
    const writer = setInterval(() => {
      if (parts < 6) writing = writing.then(() => appendFile(path, ` part ${++parts}`));
    }, 20);
    try {
      worker = startCleanWorker(context({ stableMs: 150 }), { redisUrl: h.redisUrl });
      const final = sha256('ARTICLE part 1 part 2 part 3 part 4 part 5 part 6');
      await waitFor(async () => (await h.output.read('records', final)) !== null, 15_000, 'record of the whole file');
    } finally {
      clearInterval(writer);
    }
    expect(RejectionRecord.parse(await h.output.read('rejected', key)).reason).toBe('superseded');
    // At least one look found the bytes still moving and let the job retry.
    expect(h.logLines.some((line) => /still being written/.test(String(line.err)))).toBe(true);
  });

  it('retries I/O errors with backoff, and records the error once retries are exhausted', async () => {
    let writes = 0;
    const flaky: OutputStore = {
      kind: h.output.kind,
      close: async () => undefined,
      read: (kind, id) => h.output.read(kind, id),
      count: (kind) => h.output.count(kind),
      delete: (kind, id) => h.output.delete(kind, id),
      query: (q) => h.output.query(q),
      counts: (f) => h.output.counts(f),
      writeRejection: (r) => h.output.writeRejection(r),
      writeRecord: async (record) => {
        writes += 1;
        if (record.body.includes('never') || writes === 1) throw Object.assign(new Error('EIO: disk hiccup'), { code: 'EIO' });
        return h.output.writeRecord(record);
      },
    };
    const once = await enqueue('once.txt', 'ARTICLE fails once then works');
    worker = startCleanWorker(context({ output: flaky }), { redisUrl: h.redisUrl });
    await waitFor(async () => (await h.output.read('records', once)) !== null, 10_000, 'record after a retry');
    // The record is written before BullMQ marks the job completed: wait for that, then read
    // the attempts (BullMQ counts finished attempts, the successful one included).
    await waitFor(async () => (await h.queue.getJob(once))?.finishedOn !== undefined, 10_000, 'job completed');
    expect((await h.queue.getJob(once))?.attemptsMade).toBe(2);

    const never = await enqueue('never.txt', 'ARTICLE that can never be written');
    await waitFor(async () => (await h.queue.getJobCounts('failed')).failed === 1, 10_000, 'failed after retries');
    expect(await h.output.read('rejected', never)).toMatchObject({ reason: 'failed', attempts: 3, detail: expect.stringMatching(/EIO: disk hiccup/) });
    expect(await h.raw.has(never)).toBe(true);
  });

  it('an attempt that died after writing its output finishes it without a second event', async () => {
    const key = await enqueue('twice.txt', 'ARTICLE processed twice');
    const job = (await h.queue.getJob(key))!;
    const jobLike = { id: key, data: job.data, attemptsMade: 0, opts: { attempts: 3 } };
    await processCleanJob(jobLike, context());
    // The raw bytes are gone now; a second run (stalled job picked up again) must still end well.
    expect(await processCleanJob(jobLike, context())).toMatchObject({ status: 'record' });
    expect(await h.events()).toHaveLength(1);
    expect(await h.output.count('records')).toBe(1);
  });

  it('a job whose raw bytes and output are both missing ends as "failed" after its retries', async () => {
    const key = await enqueue('lost.txt', 'ARTICLE raw bytes lost');
    await h.raw.delete(key);
    worker = startCleanWorker(context(), { redisUrl: h.redisUrl });
    await waitFor(async () => (await h.queue.getJobCounts('failed')).failed === 1, 10_000, 'failed');
    expect(await h.output.read('rejected', key)).toMatchObject({ reason: 'failed', attempts: 3, detail: expect.stringMatching(/missing/) });
  });
});
