import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { DEFAULT_LOCK_MS } from '../config.js';
import type { CleanJob } from '../schemas/index.js';
import { bullConnection } from '../redis/redis-options.js';
import { QUEUE_NAME } from '../queue/clean-queue.js';
import { ensureFailedRecorded } from './failed-rejection.js';
import type { CleanJobContext, CleanJobOutcome } from './job-context.js';
import { guardWorkerErrors } from './error-backoff.js';
import { processCleanJob } from './process-clean-job.js';

export interface CleanWorkerOptions {
  redisUrl: string;
  /** Jobs in flight in this process (default 1; scour's config sets 4, see SCOUR_CONCURRENCY). */
  concurrency?: number;
  /** Job lock, ms (default DEFAULT_LOCK_MS, 30 s). A killed worker's jobs are retried within about twice this. */
  lockMs?: number;
  /** Times a job may stall (its worker died) before it fails (default 2). */
  maxStalledCount?: number;
}

/**
 * One in-process BullMQ worker on the "clean" queue. scour runs one of these per worker
 * process (forked by `scour start` / `scour worker`), so a SIGKILLed process only stalls
 * its own jobs, which the others pick up once the lock expires.
 */
export function startCleanWorker(ctx: CleanJobContext, options: CleanWorkerOptions): Worker<CleanJob, CleanJobOutcome> {
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const worker = new Worker<CleanJob, CleanJobOutcome>(QUEUE_NAME, (job: Job<CleanJob>) => processCleanJob(job, ctx), {
    connection: bullConnection(options.redisUrl, 'scour-worker'),
    prefix: ctx.prefix,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    // Check for stalled jobs as often as a lock lasts: recovery within ~2× lockMs.
    stalledInterval: lockMs,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: true,
    // host-pid: names the process in Redis's client list (the console's worker liveness) and in each job's processedBy.
    name: `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '_'),
  });
  worker.on('failed', (job, err) => {
    if (!job) return;
    ctx.logger.warn({ jobId: job.id, attemptsMade: job.attemptsMade, err: err.message }, 'job attempt failed');
    // Failures decided outside the processor (a job that stalled too often) never reached
    // its catch block: make sure they too end in the rejected store.
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled/i.test(err.message);
    if (final) {
      ensureFailedRecorded(job, err, ctx).catch((writeErr: unknown) =>
        ctx.logger.error({ err: writeErr, jobId: job.id }, 'could not record the failed job'),
      );
    }
  });
  const guard = guardWorkerErrors(worker, ctx.logger);
  worker.on('closing', () => guard.stop());
  return worker;
}
