import { lstatSync, statSync, unlinkSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { CleanJob, rejectionRecord } from '../schemas/index.js';
import { isNotFound } from '../files/fs-errors.js';
import { sha256Hex } from '../ids.js';
import { appendRecordEvent } from '../record-events/index.js';
import { VERSION } from '../version.js';
import { NotRegularFileError, openInputFile } from './open-input-file.js';
import { countIngest } from './count-ingest.js';
import { hasFinalOutput, settleRaw } from './final-output.js';
import { logFileOutcome } from '../workers/file-outcome-log.js';
import { sameFile, type AddedFile, type FileIdentity, type OutputStore, type RawStore } from '../stores/types.js';
import { addCleanJob, type CleanQueue } from '../queue/clean-queue.js';

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
  /**
   * A duplicate's source is removed only after it has held still this long once more
   * (SCOUR_STABLE_MS): its bytes may be the first chunk of a slow writer's file that happens
   * to equal another file, and it is not kept in the raw store (default 0).
   */
  holdDuplicatesMs?: number;
  /** SCOUR_RAW_RETENTION, ms: a duplicate of a finished input keeps the raw entry (kept) or deletes it (0). */
  rawRetentionMs: number;
}

export type IngestStatus =
  /** A new job was added. */
  | 'queued'
  /** Same bytes as an existing job or output: nothing added. */
  | 'duplicate'
  /** Same bytes as a job that had failed for good: that job was retried. */
  | 'retried'
  /** The file disappeared before it could be read. */
  | 'vanished'
  /** Not a regular file inside the inbox (a symbolic link, FIFO…): never read, recorded as a rejection and left in place. */
  | 'refused';

export interface IngestOutcome {
  status: IngestStatus;
  key?: string;
  bytes?: number;
  /**
   * The source was not removed because it changed after it was read (replaced or written
   * again): those are new bytes, and the caller must ingest the file again.
   */
  sourceChanged?: true;
}

export interface IngestOptions {
  /** Delete the source once its job is in Redis (the inbox does; `scour add` does not). */
  removeSource: boolean;
  /**
   * Only a file whose real path lies under this folder is read (the inbox passes itself);
   * without it, any regular file reached without following a link as its last component.
   */
  within?: string;
}

/**
 * One file into the pipeline; the inbox watcher and `scour add` share it. The order makes
 * every crash safe: the source is removed only after its raw copy is durable and its job is
 * in Redis, and every step is idempotent (content-addressed raw store, job id = sha256), so
 * a restart that sees the file again neither loses nor duplicates it.
 */
export async function ingestFile(path: string, name: string, ctx: IngestContext, options: IngestOptions): Promise<IngestOutcome> {
  const receivedAt = new Date((ctx.now ?? Date.now)()).toISOString();
  let added: AddedFile;
  try {
    const file = openInputFile(path, options.within);
    // A source that is removed afterwards can be claimed by the store rather than copied.
    added = await ctx.raw.addFile(file, { claim: options.removeSource, name });
  } catch (err) {
    if (isNotFound(err)) return { status: 'vanished' };
    if (err instanceof NotRegularFileError) return refuse(path, name, err, ctx);
    throw err;
  }
  const { key, bytes } = added;
  const status = await enqueueUnlessKnown(key, name, bytes, ctx);
  if (status === 'duplicate') logFileOutcome(ctx.logger, { file: name, outcome: 'duplicate', id: key, receivedAt }, ctx.now);
  // Counted before the source goes: a crash in between finds the file again, already counted
  // (the job's flag), so every job is counted exactly once as ingested.
  await countIngest(ctx.redis, ctx.prefix, key, bytes);
  if (options.removeSource && status === 'duplicate' && (ctx.holdDuplicatesMs ?? 0) > 0) {
    await new Promise((resolve) => setTimeout(resolve, ctx.holdDuplicatesMs));
  }
  // Only after the job is in Redis.
  const removed = options.removeSource ? removeSource(path, added.source) : 'kept';
  ctx.logger.debug({ name, key, bytes, status, removed }, 'ingested');
  if (removed === 'changed') {
    ctx.logger.info({ name }, 'the file changed while it was ingested: kept, to be ingested again');
    return { status, key, bytes, sourceChanged: true };
  }
  return { status, key, bytes };
}

async function enqueueUnlessKnown(key: string, name: string, bytes: number, ctx: IngestContext): Promise<IngestStatus> {
  // The output store and the queue are asked at once: for a new file (the usual case) both
  // must be asked anyway, and the answers do not depend on each other.
  const [finished, existing] = await Promise.all([hasFinalOutput(key, ctx.output), ctx.queue.getJob(key)]);
  if (finished) {
    // Already cleaned (its job may be trimmed from Redis long ago): the copy is not needed,
    // unless a job still waiting or running will read it; kept as the output's source while
    // the retention lasts.
    if (!existing || (await existing.isCompleted())) await settleRaw(ctx.raw, key, ctx.rawRetentionMs);
    return 'duplicate';
  }
  const data: CleanJob = { rawKey: key, name, bytes, receivedAt: new Date((ctx.now ?? Date.now)()).toISOString() };
  if (existing) {
    if (await existing.isFailed()) {
      await existing.retry('failed');
      return 'retried';
    }
    // Queued by the reconciler (another producer's, meeting this file between its raw copy and
    // its job): the job is this file's, so it gets the file's own name.
    if (CleanJob.safeParse(existing.data).data?.recovered && (await existing.isWaiting())) {
      await existing.updateData(data);
      return 'queued';
    }
    // A job completes only after its output is written, so a completed job whose output this
    // store lacks produced it elsewhere: another data folder or store sharing this Redis prefix,
    // or a store emptied since. Skipping it would leave these bytes without an outcome here.
    if (await existing.isCompleted()) {
      // Unless it was written just now, between the two looks above.
      if (await hasFinalOutput(key, ctx.output)) {
        await settleRaw(ctx.raw, key, ctx.rawRetentionMs);
        return 'duplicate';
      }
      ctx.logger.info({ name, key }, 'finished job without an output in this store: queued again');
      await existing.remove();
      await addCleanJob(ctx.queue, data);
      return 'queued';
    }
    return 'duplicate';
  }
  await addCleanJob(ctx.queue, data);
  return 'queued';
}

/**
 * Removes the source unless it is no longer the file that was read: a writer may have
 * replaced it (a new inode under the same name) or written to it again since. Removing it
 * then would lose bytes nobody has read. What remains is the microseconds between this stat
 * and the unlink.
 */
function removeSource(path: string, read: FileIdentity | undefined): 'removed' | 'changed' | 'gone' {
  const now = statSync(path, { throwIfNoEntry: false });
  if (!now) return 'gone';
  if (read && !sameFile(now, read)) return 'changed';
  try {
    unlinkSync(path);
    return 'removed';
  } catch (err) {
    if (isNotFound(err)) return 'gone';
    throw err;
  }
}

/**
 * An entry that is not a regular file inside the inbox becomes a `not-a-regular-file`
 * rejection, written once: its id stands for the entry (name and inode of the link itself,
 * never the bytes behind it, which are not read), so the rescans that meet it again while
 * it stays in the inbox write and count nothing more. The entry is left where it is.
 */
async function refuse(path: string, name: string, err: NotRegularFileError, ctx: IngestContext): Promise<IngestOutcome> {
  const entry = lstatSync(path, { throwIfNoEntry: false });
  if (!entry) return { status: 'vanished' };
  const id = sha256Hex(Buffer.from(`not-a-regular-file\0${name}\0${entry.dev}:${entry.ino}:${entry.mtimeMs}`));
  if ((await ctx.output.read('rejected', id)) !== null) return { status: 'refused', key: id, bytes: 0 };
  const now = new Date((ctx.now ?? Date.now)()).toISOString();
  const rejection = rejectionRecord({
    reason: 'not-a-regular-file',
    detail: `${name} is ${err.what}; only regular files inside the inbox are read, and this one was left in place`,
    id,
    source: { name, sha256: id, bytes: 0, receivedAt: now },
    attempts: 1,
    pipeline: { version: VERSION, processedAt: now },
  });
  const output = await ctx.output.writeRejection(rejection);
  await appendRecordEvent(ctx.redis, ctx.prefix, { id, status: 'rejected', store: output.store }, undefined, { rejections: { 'not-a-regular-file': 1 } });
  ctx.logger.warn({ name, what: err.what }, 'not a regular file inside the inbox: not read, recorded as a rejection');
  logFileOutcome(ctx.logger, { file: name, outcome: 'rejected', reason: 'not-a-regular-file', id, receivedAt: now }, ctx.now);
  return { status: 'refused', key: id, bytes: 0 };
}
