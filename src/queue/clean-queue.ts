import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Config } from '../config.js';
import type { CleanJob } from '../schemas/index.js';
import { bullConnection } from '../redis/redis-options.js';

/** The one queue of the pipeline: jobs named "clean", id = sha256 of the raw bytes. */
export const QUEUE_NAME = 'clean';
export const JOB_NAME = 'clean';

/** Completed jobs are trimmed: their outcome lives in the output store, not in Redis. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 } as const;

/** Failed jobs kept when the configuration does not say (SCOUR_KEEP_FAILED). */
export const DEFAULT_KEEP_FAILED = 10_000;

/** What a queue is built from: keepFailed defaults to DEFAULT_KEEP_FAILED. */
export type QueueSettings = Pick<Config, 'prefix' | 'attempts' | 'backoffMs'> & Partial<Pick<Config, 'keepFailed'>>;

/**
 * Retries with exponential backoff (backoffMs, 2×backoffMs, …); the newest keepFailed failed
 * jobs are kept so the dashboard shows their error and can retry them. Older ones are removed
 * (Redis never evicts, so keeping all would grow it without bound); each failure is counted
 * (job_failures) and its "failed" rejection stays in the output store, so none is lost.
 */
export function defaultJobOptions(config: Omit<QueueSettings, 'prefix'>): DefaultJobOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: { count: config.keepFailed ?? DEFAULT_KEEP_FAILED },
  };
}

export type CleanQueue = Queue<CleanJob>;

export function createCleanQueue(redisUrl: string, config: QueueSettings, role = 'queue'): CleanQueue {
  return new Queue<CleanJob>(QUEUE_NAME, {
    connection: bullConnection(redisUrl, `scour-${role}`),
    prefix: config.prefix,
    defaultJobOptions: defaultJobOptions(config),
  });
}

/**
 * Queues a job for bytes in the raw store. Its id is their sha256 (the rawKey): should two
 * producers, a producer and the reconciler, or a worker re-queueing a slow writer's bytes
 * race, Redis still keeps one job.
 */
export async function addCleanJob(queue: CleanQueue, data: CleanJob): Promise<void> {
  await queue.add(JOB_NAME, data, { jobId: data.rawKey });
}

/** Every state a job of the queue can be in, in the order operators read them (status, metrics). */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Redis key of a job's hash: `<prefix>:clean:<jobId>`. */
export const jobKey = (prefix: string, jobId: string): string => `${prefix}:${QUEUE_NAME}:${jobId}`;
