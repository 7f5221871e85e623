import type { Worker } from 'bullmq';
import { addCleanJob, createCleanQueue, type CleanQueue } from '../queue/clean-queue.js';
import type { CleanJob } from '../schemas/index.js';
import { cleanBudgetMs } from '../config.js';
import { CleanThread } from '../workers/clean-thread.js';
import { startCleanWorker } from '../workers/clean-worker.js';
import type { CleanFn } from '../workers/job-context.js';
import type { Runtime } from './runtime.js';
import { RedisStoryIndex } from '../stories/redis-index.js';

export interface WorkerService {
  worker: Worker;
  /** Resolves once the clean thread has loaded the cleaner (at once without a thread). */
  ready: Promise<void>;
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

/**
 * The given cleanFn, else clean() through a CleanThread, whose thread starts with the worker:
 * started with the first large input instead, it made that input (and the jobs queued behind
 * it) wait about half a second of CPU while the cleaner loaded, on the busiest cores. An
 * idle thread holds about 35 MB, which small text dumps alone would not need.
 */
function cleaner(runtime: Runtime, cleanFn: CleanFn | undefined): { run: CleanFn; thread: CleanThread | null } {
  if (cleanFn) return { run: cleanFn, thread: null };
  const thread = new CleanThread({ budgetMs: cleanBudgetMs(runtime.config), heapMb: runtime.config.cleanHeapMb });
  return { run: thread.run, thread };
}

/**
 * One worker in this process: jobs from the queue → clean() → output store. clean() runs in
 * a thread under a time budget and a heap cap (see clean-thread.ts) unless cleanFn is given.
 */
export function startWorkerService(runtime: Runtime, cleanFn?: CleanFn): WorkerService {
  const { config } = runtime;
  const { run, thread } = cleaner(runtime, cleanFn);
  // Only for a slow writer's final bytes (see process-clean-job.ts supersede); opened lazily.
  let queue: CleanQueue | null = null;
  const enqueue = async (data: CleanJob) => {
    queue ??= createCleanQueue(runtime.redisUrl, config, 'worker-requeue');
    await addCleanJob(queue, data);
  };
  const stories = new RedisStoryIndex(runtime.redis, { prefix: config.prefix, windowSeconds: Math.round(config.storyWindowMs / 1000) });
  const worker = startCleanWorker(
    {
      raw: runtime.raw,
      output: runtime.output,
      redis: runtime.redis,
      prefix: config.prefix,
      clean: run,
      referenceDate: config.referenceDate,
      maxBytes: config.maxBytes,
      stableMs: config.stableMs,
      rawRetentionMs: config.rawRetentionMs,
      enqueue,
      logger: runtime.logger,
      stories,
    },
    { redisUrl: runtime.redisUrl, concurrency: config.concurrency, lockMs: config.lockMs },
  );
  return {
    worker,
    ready: thread?.preload() ?? Promise.resolve(),
    // Jobs in flight finish first: the thread is needed until the last of them.
    async close() {
      await worker.close();
      await thread?.close();
      await queue?.close();
      await stories.close();
    },
  };
}
