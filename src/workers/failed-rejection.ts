import { CleanJob, rejectionRecord, RejectionRecord } from '../schemas/index.js';
import { isValidId } from '../ids.js';
import { VERSION } from '../version.js';
import { announce } from './announce-outcome.js';
import type { CleanJobContext, CleanJobLike } from './job-context.js';

const MAX_DETAIL_CHARS = 2000;

/**
 * A job that will not be retried any more ends as rejected/<id>.json with reason "failed",
 * the error and the attempts made, plus a "failed" stream event. The raw bytes are kept so
 * the job can be retried from the dashboard. Skipped when a record already exists (the
 * failure came after the output was written, e.g. while deleting the raw bytes).
 */
export async function writeFailedRejection(job: CleanJobLike, err: unknown, attempts: number, ctx: CleanJobContext): Promise<boolean> {
  const id = job.id;
  if (!id || !isValidId(id)) {
    ctx.logger.error({ jobId: id, err }, 'failed job has no sha256 id; nothing written to the rejected store');
    return false;
  }
  if ((await ctx.output.read('records', id)) !== null) return false;
  const now = new Date((ctx.now ?? Date.now)()).toISOString();
  const parsed = CleanJob.safeParse(job.data);
  const source = parsed.success
    ? { name: parsed.data.name, sha256: id, bytes: parsed.data.bytes, receivedAt: parsed.data.receivedAt }
    : { name: id, sha256: id, bytes: 0, receivedAt: now };
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const rejection = rejectionRecord({
    reason: 'failed',
    detail: message.slice(0, MAX_DETAIL_CHARS),
    id,
    source,
    attempts: Math.max(1, attempts),
    pipeline: { version: VERSION, processedAt: now },
  });
  const output = await ctx.output.writeRejection(rejection);
  await announce(job, { status: 'failed', output }, id, ctx, { counters: { job_failures: 1 } });
  ctx.logger.error({ jobId: id, attempts, err: message }, 'job failed for good; written to the rejected store as "failed"');
  return true;
}

/** For failures decided outside the processor (stalled too often): write one unless an outcome exists. */
export async function ensureFailedRecorded(job: CleanJobLike, err: unknown, ctx: CleanJobContext): Promise<void> {
  if (!job.id || !isValidId(job.id)) return;
  const rejected = RejectionRecord.safeParse(await ctx.output.read('rejected', job.id));
  if (rejected.success) return;
  await writeFailedRejection(job, err, job.attemptsMade, ctx);
}
