import { UnrecoverableError } from 'bullmq';
import type { CleanResult } from '../clean/types.js';
import { CleanJob, CleanRecord, rejectionRecord, RejectionRecord, StoredRecord, type Rejection } from '../schemas/index.js';
import { sha256Hex } from '../ids.js';
import { VERSION } from '../version.js';
import { placeRecord, settleStoryDates } from '../stories/place-in-worker.js';
import { announce } from './announce-outcome.js';
import { eventDetailsOf } from '../record-events/index.js';
import { logFileOutcome } from './file-outcome-log.js';
import { writeFailedRejection } from './failed-rejection.js';
import type { CleanJobContext, CleanJobLike, CleanJobOutcome } from './job-context.js';

/**
 * One job: raw bytes → clean() → validated record or rejection → output store → stream
 * event → raw bytes deleted (only once the output is durable). I/O and Redis errors throw
 * and BullMQ retries them; a record that fails its own schema is a bug (UnrecoverableError).
 * On the last attempt, and on an unrecoverable error, a "failed" rejection is written
 * before the error is rethrown, so every input ends somewhere visible.
 */
export async function processCleanJob(job: CleanJobLike, ctx: CleanJobContext): Promise<CleanJobOutcome> {
  try {
    // The details rode on the stream event; the job's return value says only what was written.
    const { details: _announced, ...outcome } = await runJob(job, ctx);
    return outcome;
  } catch (err) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (err instanceof UnrecoverableError || lastAttempt) {
      await writeFailedRejection(job, err, job.attemptsMade + 1, ctx).catch((writeErr: unknown) =>
        ctx.logger.error({ err: writeErr, jobId: job.id }, 'could not write the failed rejection'),
      );
      const data = CleanJob.safeParse(job.data).data;
      const line = { file: data?.name ?? null, outcome: 'failed', reason: (err as Error).message, id: data?.rawKey ?? job.id ?? null, receivedAt: data?.receivedAt } as const;
      logFileOutcome(ctx.logger, line, ctx.now);
    }
    throw err;
  }
}

async function runJob(job: CleanJobLike, ctx: CleanJobContext): Promise<CleanJobOutcome> {
  const now = ctx.now ?? Date.now;
  const started = now();
  const parsed = CleanJob.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const data = parsed.data;
  if (job.id !== undefined && job.id !== data.rawKey) throw new UnrecoverableError(`job id ${job.id} is not its rawKey ${data.rawKey}`);

  if (data.bytes > ctx.maxBytes) {
    // Known from the job alone: no need to load a huge file just for clean() to refuse it.
    const processedAt = new Date(now()).toISOString();
    const detail = `${data.bytes} bytes is over the ${ctx.maxBytes}-byte limit`;
    const rejection = buildRejection({ ok: false, reason: 'too-large', detail }, data, 1, processedAt);
    const outcome: CleanJobOutcome = { status: 'rejected', output: await ctx.output.writeRejection(rejection), reason: 'too-large' };
    return finish(job, outcome, data, data.bytes, 0, started, ctx);
  }

  // A kept entry is one whose output was written: only a reprocess job cleans it again.
  const bytes = await ctx.raw.get(data.rawKey, { inFlightOnly: !data.reprocess });
  if (bytes === null) {
    // An earlier attempt wrote the output and deleted (or kept) the raw bytes, then died before
    // the job was marked done: the outcome exists, only the announcement may be missing.
    const done = await existingOutcome(data.rawKey, ctx);
    if (done) {
      await announce(job, done, data.rawKey, ctx);
      // The attempt that wrote it died before its line: the file's one line is this one.
      logFileOutcome(ctx.logger, { file: data.name, outcome: done.status, reason: done.reason, id: data.rawKey, receivedAt: data.receivedAt }, ctx.now);
      return done;
    }
    throw new Error(`raw bytes ${data.rawKey} are missing and no output exists for them`);
  }

  // The producer may keep the inbox file itself as the raw entry (a hard link, no copy): bytes
  // that no longer hash to their key were written again after they were read.
  const actual = sha256Hex(bytes);
  if (actual !== data.rawKey) return supersede(job, data, actual, started, ctx);

  const processedAt = new Date(now()).toISOString();
  const cleanStarted = now();
  let result: CleanResult;
  try {
    result = await ctx.clean(
      { bytes, name: data.name, receivedAt: data.receivedAt },
      { processedAt, pipelineVersion: VERSION, referenceDate: ctx.referenceDate, maxBytes: ctx.maxBytes },
    );
  } catch (err) {
    throw new UnrecoverableError(`clean() threw (it must return a rejection instead): ${(err as Error).message}`);
  }
  const cleanSeconds = (now() - cleanStarted) / 1000;

  let outcome: CleanJobOutcome;
  if (result.ok) {
    const checked = CleanRecord.safeParse(result.record);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new UnrecoverableError(`record failed its schema at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`);
    }
    if (checked.data.id !== data.rawKey) throw new UnrecoverableError(`record id ${checked.data.id} is not the raw key ${data.rawKey}`);
    if (ctx.stories) {
      const { record, placement } = await placeRecord(checked.data, ctx.stories);
      outcome = { status: 'record', output: await ctx.output.writeRecord(record), details: eventDetailsOf(record) };
      await settleStoryDates(record, placement, { ...ctx, stories: ctx.stories });
    } else {
      outcome = { status: 'record', output: await ctx.output.writeRecord(checked.data), details: eventDetailsOf(checked.data) };
    }
  } else {
    const rejection = buildRejection(result, data, 1, processedAt);
    outcome = { status: 'rejected', output: await ctx.output.writeRejection(rejection), reason: result.reason };
  }

  return finish(job, outcome, data, bytes.length, cleanSeconds, started, ctx);
}

/**
 * A slow writer went on writing after its file was queued (it paused longer than the stable
 * time): the raw entry is that file, so it now holds later bytes. Once they have held still
 * for the stable time they are the file's final bytes: stored under their own key and queued
 * as an input of their own, and this job ends as a `superseded` rejection naming it. Bytes
 * still changing make the job retry later (BullMQ's backoff), so nothing is lost while the
 * writer finishes. Left open: another file holding exactly the first bytes, dropped in the
 * same seconds, was counted as a duplicate of this job and removed; its bytes end with the
 * superseded key (the producer holds a duplicate's removal for the stable time, which makes
 * this a race of two slow writers).
 */
async function supersede(job: CleanJobLike, data: CleanJob, seen: string, started: number, ctx: CleanJobContext): Promise<CleanJobOutcome> {
  await new Promise((resolve) => setTimeout(resolve, ctx.stableMs));
  const bytes = await ctx.raw.get(data.rawKey);
  if (bytes === null) throw new Error(`raw bytes ${data.rawKey} vanished while they were being rewritten`);
  const actual = sha256Hex(bytes);
  if (actual !== seen) throw new Error(`raw bytes ${data.rawKey} are still being written (they changed again within ${ctx.stableMs} ms); will look again`);
  const receivedAt = new Date((ctx.now ?? Date.now)()).toISOString();
  await ctx.raw.put(actual, bytes);
  await ctx.enqueue({ rawKey: actual, name: data.name, bytes: bytes.length, receivedAt });
  const detail = `the file was written again after it was queued; its final ${bytes.length} bytes are queued as ${actual}`;
  const rejection = buildRejection({ ok: false, reason: 'superseded', detail }, data, 1, receivedAt);
  ctx.logger.info({ jobId: data.rawKey, next: actual, name: data.name }, 'raw bytes changed after they were queued: their final version is queued as an input of its own');
  const outcome: CleanJobOutcome = { status: 'rejected', output: await ctx.output.writeRejection(rejection), reason: 'superseded' };
  return finish(job, outcome, data, 0, 0, started, ctx);
}

/**
 * Announce and count (one Redis call), and keep or drop the raw bytes: the output is durable
 * by now, and should the worker die between the two, the retry finds the output and only
 * announces. Bytes are kept for the retention period, except a superseded entry's (they are
 * no longer the bytes of its key).
 */
async function finish(
  job: CleanJobLike,
  outcome: CleanJobOutcome,
  data: CleanJob,
  bytes: number,
  cleanSeconds: number,
  started: number,
  ctx: CleanJobContext,
): Promise<CleanJobOutcome> {
  const stats = {
    counters: { records_written: outcome.status === 'record' ? 1 : 0, bytes_processed: bytes },
    rejections: outcome.reason ? { [outcome.reason]: 1 } : {},
    observe: { clean_duration_seconds: cleanSeconds, job_duration_seconds: ((ctx.now ?? Date.now)() - started) / 1000, drop_to_output_seconds: Math.max(0, (ctx.now ?? Date.now)() - Date.parse(data.receivedAt)) / 1000 },
  };
  const keep = ctx.rawRetentionMs > 0 && outcome.reason !== 'superseded';
  await Promise.all([announce(job, outcome, data.rawKey, ctx, stats), keep ? ctx.raw.keep(data.rawKey) : ctx.raw.delete(data.rawKey)]);
  logFileOutcome(ctx.logger, { file: data.name, outcome: outcome.status, reason: outcome.reason, id: data.rawKey, receivedAt: data.receivedAt }, ctx.now);
  return outcome;
}

export function buildRejection(
  rejection: Rejection,
  data: CleanJob,
  attempts: number,
  processedAt: string,
): RejectionRecord {
  return rejectionRecord({
    reason: rejection.reason,
    detail: rejection.detail,
    id: data.rawKey,
    source: { name: data.name, sha256: data.rawKey, bytes: data.bytes, receivedAt: data.receivedAt },
    attempts,
    pipeline: { version: VERSION, processedAt },
  });
}

/** The outcome an earlier attempt already stored. */
async function existingOutcome(id: string, ctx: CleanJobContext): Promise<CleanJobOutcome | null> {
  const record = StoredRecord.safeParse(await ctx.output.read('records', id));
  if (record.success) return { status: 'record', output: { store: ctx.output.kind, kind: 'records', id }, details: eventDetailsOf(record.data) };
  const rejection = RejectionRecord.safeParse(await ctx.output.read('rejected', id));
  if (rejection.success && rejection.data.reason !== 'failed') {
    return { status: 'rejected', output: { store: ctx.output.kind, kind: 'rejected', id }, reason: rejection.data.reason };
  }
  return null;
}
