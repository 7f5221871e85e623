import { UnrecoverableError } from 'bullmq';
import type { CleanResult } from '../clean/types.js';
import { CleanJob, CleanRecord, RejectionRecord, type Rejection } from '../schemas/index.js';
import { isNotFound } from '../stores/fs-atomic.js';
import { sha256Hex } from '../stores/ids.js';
import { VERSION } from '../version.js';
import { announce } from './announce-outcome.js';
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
    return await runJob(job, ctx);
  } catch (err) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (err instanceof UnrecoverableError || lastAttempt) {
      await writeFailedRejection(job, err, job.attemptsMade + 1, ctx).catch((writeErr: unknown) =>
        ctx.logger.error({ err: writeErr, jobId: job.id }, 'could not write the failed rejection'),
      );
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
    const outcome: CleanJobOutcome = { status: 'rejected', location: (await ctx.output.writeRejection(rejection)).location, reason: 'too-large' };
    return finish(job, outcome, data, data.bytes, 0, started, ctx);
  }

  let bytes: Uint8Array;
  try {
    bytes = await ctx.raw.get(data.rawKey);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    // An earlier attempt wrote the output and deleted the raw bytes, then died before the
    // job was marked done: the outcome exists, only the announcement may be missing.
    const done = await existingOutcome(data.rawKey, ctx);
    if (done) {
      await announce(job, done, data.rawKey, ctx);
      return done;
    }
    throw new Error(`raw bytes ${data.rawKey} are missing and no output exists for them`);
  }

  // The producer may keep the inbox file itself as the raw entry (a hard link, no copy): bytes
  // that no longer hash to their key were written again after they were read, or damaged.
  // Not retried; the failed rejection says so and the raw bytes stay for inspection.
  const actual = sha256Hex(bytes);
  if (actual !== data.rawKey) {
    throw new UnrecoverableError(`raw bytes ${data.rawKey} now hash to ${actual}: they changed after they were queued (a writer still writing to the file, or damage on disk)`);
  }

  const processedAt = new Date(now()).toISOString();
  const cleanStarted = now();
  let result: CleanResult;
  try {
    result = await ctx.clean(
      { bytes, name: data.name, receivedAt: data.receivedAt },
      { processedAt, referenceDate: ctx.referenceDate, maxBytes: ctx.maxBytes },
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
    const { location } = await ctx.output.writeRecord(checked.data);
    await ctx.output.delete?.('rejected', data.rawKey);
    outcome = { status: 'record', location };
  } else {
    const rejection = buildRejection(result, data, 1, processedAt);
    const { location } = await ctx.output.writeRejection(rejection);
    await ctx.output.delete?.('records', data.rawKey);
    outcome = { status: 'rejected', location, reason: result.reason };
  }

  return finish(job, outcome, data, bytes.length, cleanSeconds, started, ctx);
}

/**
 * Announce and count (one Redis call), and drop the raw bytes: the output is durable by now,
 * and should the worker die between the two, the retry finds the output and only announces.
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
    observe: { clean_duration_seconds: cleanSeconds, job_duration_seconds: ((ctx.now ?? Date.now)() - started) / 1000 },
  };
  await Promise.all([announce(job, outcome, data.rawKey, ctx, stats), ctx.raw.delete(data.rawKey)]);
  return outcome;
}

export function buildRejection(
  rejection: Rejection,
  data: CleanJob,
  attempts: number,
  processedAt: string,
): RejectionRecord {
  return RejectionRecord.parse({
    ok: false,
    reason: rejection.reason,
    detail: rejection.detail,
    schemaVersion: 1,
    id: data.rawKey,
    source: { name: data.name, sha256: data.rawKey, bytes: data.bytes, receivedAt: data.receivedAt },
    attempts,
    pipeline: { version: VERSION, processedAt },
  });
}

/** The outcome an earlier attempt already stored, re-written in place to learn its location. */
async function existingOutcome(id: string, ctx: CleanJobContext): Promise<CleanJobOutcome | null> {
  const record = CleanRecord.safeParse(await ctx.output.read('records', id));
  if (record.success) return { status: 'record', location: (await ctx.output.writeRecord(record.data)).location };
  const rejection = RejectionRecord.safeParse(await ctx.output.read('rejected', id));
  if (rejection.success && rejection.data.reason !== 'failed') {
    const { location } = await ctx.output.writeRejection(rejection.data);
    return { status: 'rejected', location, reason: rejection.data.reason };
  }
  return null;
}
