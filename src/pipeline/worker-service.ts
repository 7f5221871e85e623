import type { Worker } from 'bullmq';
import { clean } from '../clean/index.js';
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
  const worker = startCleanWorker(
    {
      raw: runtime.raw,
      output: runtime.output,
      redis: runtime.redis,
      prefix: config.prefix,
      clean: cleanFn,
      referenceDate: config.referenceDate,
      maxBytes: config.maxBytes,
      logger: runtime.logger,
    },
    { redisUrl: runtime.redisUrl, concurrency: config.concurrency, lockMs: config.lockMs },
  );
  return {
    worker,
    close: () => worker.close(),
  };
}
