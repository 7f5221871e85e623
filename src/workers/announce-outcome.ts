import type { StatsUpdate } from '../metrics/pipeline-stats.js';
import { appendRecordEvent } from '../record-events/index.js';
import { jobKey } from '../queue/clean-queue.js';
import type { CleanJobContext, CleanJobLike, CleanJobOutcome } from './job-context.js';

/**
 * Sends the stream event at most once per job and status (the flag lives on the job's hash),
 * and counts `stats` in the same step, so they too are counted once per job.
 */
export async function announce(job: CleanJobLike, outcome: CleanJobOutcome, id: string, ctx: CleanJobContext, stats?: StatsUpdate): Promise<void> {
  const event = { id, status: outcome.status, store: outcome.output.store, ...outcome.details };
  const once = job.id ? { key: jobKey(ctx.prefix, job.id), field: `scour:announced:${outcome.status}` } : undefined;
  await appendRecordEvent(ctx.redis, ctx.prefix, event, once, stats);
}

