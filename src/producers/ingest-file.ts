import { unlink } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { recordStats } from '../metrics/pipeline-stats.js';
import { CleanRecord, RejectionRecord, type CleanJob } from '../schemas/index.js';
import { isNotFound } from '../stores/fs-atomic.js';
import type { OutputStore, RawStore } from '../stores/types.js';
import { JOB_NAME, type CleanQueue } from '../workers/clean-queue.js';

export interface IngestContext {
  raw: RawStore;
  output: OutputStore;
  queue: CleanQueue;
  /** Client for stats. */
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** Clock for receivedAt (default Date.now). */
  now?: () => number;
}

export type IngestStatus =
  /** A new job was added. */
  | 'queued'
  /** Same bytes as an existing job or output: nothing added. */
  | 'duplicate'
  /** Same bytes as a job that had failed for good: that job was retried. */
  | 'retried'
  /** The file disappeared before it could be read. */
  | 'vanished';

export interface IngestOutcome {
  status: IngestStatus;
  key?: string;
  bytes?: number;
}

export interface IngestOptions {
  /** Delete the source once its job is in Redis (the inbox does; `scour add` does not). */
  removeSource: boolean;
}

/**
 * One file into the pipeline; the inbox watcher and `scour add` share it. The order makes
 * every crash safe: the source is removed only after its raw copy is durable and its job is
 * in Redis, and every step is idempotent (content-addressed raw store, job id = sha256), so
 * a restart that sees the file again neither loses nor duplicates it.
 */
export async function ingestFile(path: string, name: string, ctx: IngestContext, options: IngestOptions): Promise<IngestOutcome> {
  let added: { key: string; bytes: number };
  try {
    added = await ctx.raw.addFile(path);
  } catch (err) {
    if (isNotFound(err)) return { status: 'vanished' };
    throw err;
  }
  const { key, bytes } = added;
  const status = await enqueueUnlessKnown(key, name, bytes, ctx);
  // Both only after the job is in Redis; neither depends on the other.
  await Promise.all([
    options.removeSource ? removeSource(path) : undefined,
    recordStats(ctx.redis, ctx.prefix, status === 'queued' ? { counters: { files_ingested: 1, bytes_ingested: bytes } } : { counters: { duplicates_skipped: 1 } }),
  ]);
  ctx.logger.debug({ name, key, bytes, status }, 'ingested');
  return { status, key, bytes };
}

async function enqueueUnlessKnown(key: string, name: string, bytes: number, ctx: IngestContext): Promise<IngestStatus> {
  // The output store and the queue are asked at once: for a new file (the usual case) both
  // must be asked anyway, and the answers do not depend on each other.
  const [finished, existing] = await Promise.all([hasFinalOutput(key, ctx.output), ctx.queue.getJob(key)]);
  if (finished) {
    // Already cleaned (its job may be trimmed from Redis long ago): the copy is not needed,
    // unless a job still waiting or running will read it.
    if (!existing || (await existing.isCompleted())) await ctx.raw.delete(key);
    return 'duplicate';
  }
  if (existing) {
    if (await existing.isFailed()) {
      await existing.retry('failed');
      return 'retried';
    }
    return 'duplicate';
  }
  const data: CleanJob = { rawKey: key, name, bytes, receivedAt: new Date((ctx.now ?? Date.now)()).toISOString() };
  // jobId = sha256: should two producers race here, Redis still keeps one job.
  await ctx.queue.add(JOB_NAME, data, { jobId: key });
  return 'queued';
}

/** A record, or a rejection other than "failed" (a failed job is worth retrying). */
async function hasFinalOutput(key: string, output: OutputStore): Promise<boolean> {
  const [record, rejected] = await Promise.all([output.read('records', key), output.read('rejected', key)]);
  if (CleanRecord.safeParse(record).success) return true;
  const rejection = RejectionRecord.safeParse(rejected);
  return rejection.success && rejection.data.reason !== 'failed';
}

async function removeSource(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
