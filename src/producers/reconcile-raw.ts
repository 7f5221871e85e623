import { recordStats } from '../metrics/pipeline-stats.js';
import { addCleanJob } from '../queue/clean-queue.js';
import type { CleanJob } from '../schemas/index.js';
import { hasFinalOutput, settleRaw } from './final-output.js';
import type { IngestContext } from './ingest-file.js';

/**
 * The raw store is the source of truth: every entry in it is an input that has not ended
 * yet. Redis can lose jobs (a restart without persistence, an evicting Redis, bull-board's
 * empty/obliterate/clean), and a raw entry without a job would wait forever. The reconciler
 * walks the raw store and, for each entry:
 * - with a live job (waiting, active, delayed, failed…): nothing to do;
 * - with a final output (a record, or a rejection other than "failed") and no live job: the
 *   entry is a leftover (a worker died between its write and its delete or keep), kept for
 *   the retention period (SCOUR_RAW_RETENTION) or removed when it is 0;
 * - with neither: queued again under the same job id (idempotent: two reconcilers, or a
 *   reconciler and the producer that is queueing that file right now, still make one job).
 * Entries stored less than `graceMs` ago are left to the producer that is storing them.
 */

/** What the reconciler works with: the producer's own context (stores, queue, stats client). */
export type ReconcileContext = Omit<IngestContext, 'holdDuplicatesMs'>;

export interface ReconcileOptions {
  /** Entries younger than this are skipped (another producer may be queueing them), ms. */
  graceMs: number;
}

export interface ReconcileReport {
  /** Raw entries looked at. */
  scanned: number;
  /** Queued again: no job and no output. */
  requeued: number;
  /** Removed or kept (raw retention): their output exists and no job needs them. */
  removed: number;
  /** Left to their live job, or too young. */
  kept: number;
}

/** Raw entries checked at once (their job and outputs are asked in parallel). */
const BATCH = 64;

export async function reconcileRaw(ctx: ReconcileContext, options: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = { scanned: 0, requeued: 0, removed: 0, kept: 0 };
  let batch: string[] = [];
  const flush = async () => {
    const outcomes = await Promise.all(batch.map((key) => reconcileOne(key, ctx, options)));
    for (const outcome of outcomes) report[outcome] += 1;
    report.scanned += batch.length;
    batch = [];
  };
  for await (const key of ctx.raw.keys()) {
    batch.push(key);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  if (report.requeued > 0) await recordStats(ctx.redis, ctx.prefix, { counters: { raw_requeued: report.requeued } });
  ctx.logger[report.requeued > 0 ? 'warn' : 'debug'](report, report.requeued > 0 ? 'reconciled the raw store: entries without a job were queued again' : 'reconciled the raw store');
  return report;
}

async function reconcileOne(key: string, ctx: ReconcileContext, options: ReconcileOptions): Promise<'requeued' | 'removed' | 'kept'> {
  // The job's state first, the outputs after: a worker writes its output before its job
  // completes, so an output read after seeing "completed" is never stale. (Read the other way
  // round, a job that completed in between looked finished without an output, was run again
  // and announced twice.)
  const job = await ctx.queue.getJob(key);
  const state = job ? await job.getState() : null;
  const live = state !== null && state !== 'completed' && state !== 'unknown';
  if (live) return 'kept';
  const [finished, info] = await Promise.all([hasFinalOutput(key, ctx.output), ctx.raw.info(key)]);
  if (info === null) return 'kept';
  if (finished) {
    await settleRaw(ctx.raw, key, ctx.rawRetentionMs);
    return 'removed';
  }
  const now = (ctx.now ?? Date.now)();
  if (now - Date.parse(info.storedAt) < options.graceMs) return 'kept';
  // A completed job whose output is gone (an emptied output store): it must run again, and
  // BullMQ ignores an add under the id of a job it still holds.
  if (job && state === 'completed') await job.remove();
  const data: CleanJob = {
    rawKey: key,
    name: info.name ?? `recovered/${key}`,
    bytes: info.bytes,
    receivedAt: new Date(now).toISOString(),
    recovered: true,
  };
  await addCleanJob(ctx.queue, data);
  ctx.logger.info({ key, name: data.name }, 'raw entry had no job and no output: queued again');
  return 'requeued';
}
