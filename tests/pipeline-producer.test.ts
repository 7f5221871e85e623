import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { BackPressureGate } from '../src/producers/back-pressure.js';
import { isIgnoredPath } from '../src/files/ignored-names.js';
import { InboxWatcher } from '../src/producers/inbox-watcher.js';
import { ingestFile, type IngestContext } from '../src/producers/ingest-file.js';
import type { OpenedFile } from '../src/stores/types.js';
import { CleanJob } from '../src/schemas/index.js';
import { openHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { sampleRecord, sampleRejection, sha256 } from './helpers/sample-entries.js';
import { waitFor } from './helpers/wait-for.js';

describe('producer (in process, real Redis)', () => {
  let h: PipelineHarness;
  let ctx: IngestContext;
  let watcher: InboxWatcher | null = null;
  beforeEach(async () => {
    h = await openHarness();
    ctx = { raw: h.raw, output: h.output, queue: h.queue, redis: h.redis, prefix: h.prefix, logger: h.logger, rawRetentionMs: 0 };
  });
  afterEach(async () => {
    await watcher?.close();
    watcher = null;
    await h.close();
  });

  const drop = async (name: string, content: string | Buffer) => {
    const path = join(h.inbox, name);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content);
    return path;
  };

  it('stores the bytes, queues a reference (never the content) under the sha256, then removes the file', async () => {
    const path = await drop('a.txt', 'some article text');
    const outcome = await ingestFile(path, 'a.txt', ctx, { removeSource: true });
    const key = sha256('some article text');
    expect(outcome).toEqual({ status: 'queued', key, bytes: 17 });
    expect(existsSync(path)).toBe(false);
    expect(await h.raw.has(key)).toBe(true);
    const job = await h.queue.getJob(key);
    expect(CleanJob.parse(job?.data)).toMatchObject({ rawKey: key, name: 'a.txt', bytes: 17 });
    expect(JSON.stringify(job?.data)).not.toContain('some article text');
  });

  it('same bytes twice: one job, the second counted as a duplicate; a known output short-circuits', async () => {
    await ingestFile(await drop('a.txt', 'twin'), 'a.txt', ctx, { removeSource: true });
    expect((await ingestFile(await drop('b.txt', 'twin'), 'b.txt', ctx, { removeSource: true })).status).toBe('duplicate');
    expect(await h.queue.count()).toBe(1);

    const done = sampleRecord('already cleaned');
    await h.output.writeRecord(done);
    const again = await ingestFile(await drop('c.txt', 'already cleaned'), 'c.txt', ctx, { removeSource: true });
    expect(again).toMatchObject({ status: 'duplicate', key: done.id });
    expect(await h.raw.has(done.id)).toBe(false);
    expect(await h.queue.count()).toBe(1);
    const stats = await readStats(h.redis, h.prefix);
    expect(stats.counters).toMatchObject({ files_ingested: 1, duplicates_skipped: 2, bytes_ingested: 4 });
    expect(await readdir(h.inbox)).toEqual([]);
  });

  // A writer that replaces or rewrites a file after the producer read it must not lose the new
  // bytes to the producer's unlink. The store below is the real raw store; it only plays that
  // writer at the one moment that matters, just after the file was read.
  const rewritingOnce = (path: string, rewrite: () => Promise<void>): IngestContext => {
    let done = false;
    const raw = Object.create(h.raw) as typeof h.raw;
    raw.addFile = async (file: OpenedFile) => {
      const added = await h.raw.addFile(file);
      if (file.path === path && !done) {
        done = true;
        await rewrite();
      }
      return added;
    };
    return { ...ctx, raw };
  };

  it('a file replaced after it was read is kept, not removed, and its new bytes are queued next time', async () => {
    const path = await drop('swap.txt', 'first version');
    const swapped = rewritingOnce(path, async () => {
      await writeFile(`${path}.new`, 'second version');
      await rename(`${path}.new`, path);
    });
    const first = await ingestFile(path, 'swap.txt', swapped, { removeSource: true });
    expect(first).toMatchObject({ status: 'queued', key: sha256('first version'), sourceChanged: true });
    expect(await readFile(path, 'utf8')).toBe('second version');
    const second = await ingestFile(path, 'swap.txt', ctx, { removeSource: true });
    expect(second).toEqual({ status: 'queued', key: sha256('second version'), bytes: 14 });
    expect(existsSync(path)).toBe(false);
  });

  it('a file written again in place after it was read is kept too', async () => {
    const path = await drop('grow.txt', 'short');
    const grown = rewritingOnce(path, () => appendFile(path, ' and then some more'));
    expect((await ingestFile(path, 'grow.txt', grown, { removeSource: true })).sourceChanged).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('short and then some more');
  });

  it('watcher: a file replaced while it is ingested is ingested again, and both versions are queued', async () => {
    const path = join(h.inbox, 'live.txt');
    const swapped = rewritingOnce(path, async () => {
      await writeFile(`${path}.part`, 'live version two');
      await rename(`${path}.part`, path);
    });
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 50,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 1000),
      logger: h.logger,
      ingest: (p, name) => ingestFile(p, name, swapped, { removeSource: true }),
    });
    await watcher.start();
    await drop('live.txt', 'live version one');
    await waitFor(async () => (await h.queue.count()) === 2 && !existsSync(path), 10_000, 'both versions queued');
    expect(await h.queue.getJob(sha256('live version one'))).toBeTruthy();
    expect(await h.queue.getJob(sha256('live version two'))).toBeTruthy();
  });

  it('dropping the bytes of a job that failed for good retries that job', async () => {
    await ingestFile(await drop('f.txt', 'will fail'), 'f.txt', ctx, { removeSource: true });
    const key = sha256('will fail');
    const failing = new Worker('clean', async () => {
      throw new UnrecoverableError('forced failure');
    }, { connection: { url: h.redisUrl, maxRetriesPerRequest: null }, prefix: h.prefix });
    try {
      await waitFor(async () => (await h.queue.getJobCounts('failed')).failed === 1, 10_000, 'failed job');
    } finally {
      await failing.close();
    }
    await h.output.writeRejection({ ...sampleRejection('will fail', 'failed'), id: key });
    const outcome = await ingestFile(await drop('f2.txt', 'will fail'), 'f2.txt', ctx, { removeSource: true });
    expect(outcome.status).toBe('retried');
    expect(await (await h.queue.getJob(key))!.getState()).toBe('waiting');
  });

  it('a job finished elsewhere (its output not in this store) is queued again, not skipped as a duplicate', async () => {
    // Two data folders sharing one Redis prefix, or a store emptied since: the job completed,
    // but this store holds no output for these bytes.
    await ingestFile(await drop('g.txt', 'cleaned for another store'), 'g.txt', ctx, { removeSource: true });
    const key = sha256('cleaned for another store');
    const elsewhere = new Worker('clean', async () => 'written elsewhere', {
      connection: { url: h.redisUrl, maxRetriesPerRequest: null },
      prefix: h.prefix,
    });
    try {
      await waitFor(async () => (await h.queue.getJobCounts('completed')).completed === 1, 10_000, 'completed job');
    } finally {
      await elsewhere.close();
    }
    const outcome = await ingestFile(await drop('g2.txt', 'cleaned for another store'), 'g2.txt', ctx, { removeSource: true });
    expect(outcome).toMatchObject({ status: 'queued', key });
    const job = await h.queue.getJob(key);
    expect(await job!.getState()).toBe('waiting');
    expect(CleanJob.parse(job!.data)).toMatchObject({ name: 'g2.txt' });
    expect(await h.raw.has(key)).toBe(true);

    // With the output in this store, the same bytes are a duplicate again.
    await h.output.writeRecord(sampleRecord('cleaned for another store'));
    const done = new Worker('clean', async () => 'done', { connection: { url: h.redisUrl, maxRetriesPerRequest: null }, prefix: h.prefix });
    try {
      await waitFor(async () => (await h.queue.getJobCounts('completed')).completed === 1, 10_000, 'completed again');
    } finally {
      await done.close();
    }
    expect((await ingestFile(await drop('g3.txt', 'cleaned for another store'), 'g3.txt', ctx, { removeSource: true })).status).toBe('duplicate');
  });

  it('ignores dotfiles, partial downloads, temp and backup names, in subfolders too', () => {
    const inbox = '/in';
    for (const name of ['.hidden', 'a.part', 'b.tmp', 'c.crdownload', 'd.txt~', '.git/config', 'x/.sync/y.txt', 'e.swp']) {
      expect(isIgnoredPath(inbox, join(inbox, name)), name).toBe(true);
    }
    for (const name of ['a.txt', 'sub/b.html', 'deep/er/c.htm.gz', 'partial.txt']) expect(isIgnoredPath(inbox, join(inbox, name)), name).toBe(false);
    expect(isIgnoredPath('/tmp/.cache/inbox', '/tmp/.cache/inbox/a.txt')).toBe(false);
  });

  it('watcher: takes files already there and new ones in subfolders, waits for slow writers, skips temp names until renamed', async () => {
    await drop('before.txt', 'was here first');
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 250,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 1000),
      logger: h.logger,
      ingest: (path, name) => ingestFile(path, name, ctx, { removeSource: true }),
    });
    await watcher.start();
    await drop('sub/dir/new.txt', 'dropped later');
    await drop('skip.part', 'not finished');
    await drop('.hidden', 'not for us');
    // A slow writer: 12 chunks 60 ms apart, shorter than stableMs between chunks.
    const slowChunks = Array.from({ length: 12 }, (_, i) => `chunk ${i} `.repeat(50));
    const slow = await open(join(h.inbox, 'slow.txt'), 'w');
    for (const chunk of slowChunks) {
      await slow.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await slow.close();
    await rename(join(h.inbox, 'skip.part'), join(h.inbox, 'renamed.txt'));
    await waitFor(async () => (await h.queue.count()) === 4, 10_000, 'four jobs');
    await watcher.drained();
    const names = (await h.queue.getJobs(['waiting'])).map((job) => job.data.name).sort();
    expect(names).toEqual(['before.txt', 'renamed.txt', 'slow.txt', 'sub/dir/new.txt']);
    expect(await h.queue.getJob(sha256(slowChunks.join('')))).toBeTruthy();
    expect((await readdir(h.inbox, { recursive: true })).sort()).toEqual(['.hidden', 'sub', 'sub/dir']);
  });

  it('watcher at its tracking limit: a large inbox, events beyond the limit and a folder moved in are all ingested once', async () => {
    // 7 tracked at most against 120 files: the scan pauses, events past the limit are left
    // to the next scan, so every path through the watcher is used, not only the easy one.
    const expected: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const name = i % 2 ? `old/f${i}.txt` : `f${i}.txt`;
      await drop(name, `already there ${i}`);
      expected.push(name);
    }
    let highest = 0;
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 20,
      maxTracked: 7,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 10_000),
      logger: h.logger,
      ingest: (path, name) => {
        highest = Math.max(highest, watcher!.backlog);
        return ingestFile(path, name, ctx, { removeSource: true });
      },
    });
    await watcher.start();
    const staging = join(h.dataDir, 'staging');
    await mkdir(join(staging, 'moved', 'deeper'), { recursive: true });
    for (let i = 0; i < 40; i += 1) {
      await writeFile(join(staging, `n${i}.txt`), `dropped later ${i}`);
      await rename(join(staging, `n${i}.txt`), join(h.inbox, `n${i}.txt`));
      expected.push(`n${i}.txt`);
    }
    for (let i = 0; i < 40; i += 1) {
      const name = `moved/${i % 2 ? 'deeper/' : ''}m${i}.txt`;
      await writeFile(join(staging, name), `moved in ${i}`);
      expected.push(name);
    }
    await rename(join(staging, 'moved'), join(h.inbox, 'moved'));
    await waitFor(async () => (await h.queue.count()) === 120, 20_000, '120 jobs');
    await watcher.drained();
    const names = (await h.queue.getJobs(['waiting'])).map((job) => job.data.name).sort();
    expect(names).toEqual(expected.sort());
    expect(highest).toBeLessThanOrEqual(7);
    expect((await readdir(h.inbox, { recursive: true })).sort()).toEqual(['moved', 'moved/deeper', 'old']);
  });

  it('watcher: a file whose ingest throws is tried again later, and ingested once', async () => {
    await drop('flaky.txt', 'first try fails');
    let calls = 0;
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 0,
      retryMs: 50,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 1000),
      logger: h.logger,
      ingest: async (path, name) => {
        calls += 1;
        if (calls === 1) throw new Error('Redis went away');
        return ingestFile(path, name, ctx, { removeSource: true });
      },
    });
    await watcher.start();
    await waitFor(async () => (await h.queue.count()) === 1, 10_000, 'the retried job');
    await watcher.drained();
    expect(calls).toBe(2);
    expect(h.logLines.some((line) => line.msg === 'could not ingest a file; will try again')).toBe(true);
  });

  it('back-pressure: stops reading the inbox above max waiting, resumes below it', async () => {
    const changes: boolean[] = [];
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 0,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 5, (paused) => changes.push(paused), 50),
      logger: h.logger,
      parallel: 1,
      ingest: (path, name) => ingestFile(path, name, ctx, { removeSource: true }),
    });
    await watcher.start();
    for (let i = 0; i < 20; i += 1) await drop(`f${i}.txt`, `file ${i}`);
    await waitFor(async () => (await h.queue.getWaitingCount()) >= 6, 5000, 'queue over the limit');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await h.queue.getWaitingCount()).toBeLessThanOrEqual(7);
    expect(watcher.backlog).toBeGreaterThanOrEqual(13);
    expect(changes).toContain(true);
    // Play the worker: empty the queue until the producer has read every file.
    await waitFor(
      async () => {
        await h.queue.drain();
        return watcher!.backlog === 0;
      },
      10_000,
      'inbox drained after resume',
      100,
    );
    expect(changes.at(-1)).toBe(false);
  });

  it('back-pressure: an empty queue never pauses the inbox, however many files pass within one poll', async () => {
    const changes: boolean[] = [];
    let reads = 0;
    // Workers take every job at once: Redis always says 0 waiting.
    const gate = new BackPressureGate(async () => ((reads += 1), 0), 100, (paused) => changes.push(paused), 10_000);
    for (let i = 0; i < 1000; i += 1) await gate.wait();
    expect(changes).toEqual([]);
    expect(gate.isPaused).toBe(false);
    // One read per `limit` files let through: the estimate is checked against Redis, not slept on.
    expect(reads).toBeLessThanOrEqual(11);
  });

  it('a slow writer whose first chunk equals a known file is not removed as a duplicate while it still writes', async () => {
    await ingestFile(await drop('known.txt', 'shared opening'), 'known.txt', ctx, { removeSource: true });
    const path = await drop('slow.txt', 'shared opening');
    const holding = { ...ctx, holdDuplicatesMs: 200 };
    const ingesting = ingestFile(path, 'slow.txt', holding, { removeSource: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await appendFile(path, ' and the rest of a different story');
    const first = await ingesting;
    expect(first).toMatchObject({ status: 'duplicate', sourceChanged: true });
    expect(await readFile(path, 'utf8')).toBe('shared opening and the rest of a different story');
    const second = await ingestFile(path, 'slow.txt', holding, { removeSource: true });
    expect(second).toMatchObject({ status: 'queued', key: sha256('shared opening and the rest of a different story') });
    expect(existsSync(path)).toBe(false);
  });
});
