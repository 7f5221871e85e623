import type { Worker } from 'bullmq';
import { clean } from '../clean/index.js';
import { createCleanQueue, JOB_NAME, type CleanQueue } from '../queue/clean-queue.js';
import type { CleanJob } from '../schemas/index.js';
import { startCleanWorker } from '../workers/clean-worker.js';
import type { CleanFn } from '../workers/job-context.js';
import type { Runtime } from './runtime.js';

export interface WorkerService {
  worker: Worker;
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

/** One worker in this process: jobs from the queue → clean() → output store. */
export function startWorkerService(runtime: Runtime, cleanFn: CleanFn = clean): WorkerService {
  const { config } = runtime;
  // Only for a slow writer's final bytes (see process-clean-job.ts supersede); opened lazily.
  let queue: CleanQueue | null = null;
  const enqueue = async (data: CleanJob) => {
    queue ??= createCleanQueue(runtime.redisUrl, config, 'worker-requeue');
    await queue.add(JOB_NAME, data, { jobId: data.rawKey });
  };
  const worker = startCleanWorker(
    {
      raw: runtime.raw,
      output: runtime.output,
      redis: runtime.redis,
      prefix: config.prefix,
      clean: cleanFn,
      referenceDate: config.referenceDate,
      maxBytes: config.maxBytes,
      stableMs: config.stableMs,
      enqueue,
      logger: runtime.logger,
    },
    { redisUrl: runtime.redisUrl, concurrency: config.concurrency, lockMs: config.lockMs },
  );
  return {
    worker,
    async close() {
      await worker.close();
      await queue?.close();
    },
  };
}
