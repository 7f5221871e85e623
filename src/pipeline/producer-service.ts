import { BackPressureGate } from '../producers/back-pressure.js';
import { InboxWatcher } from '../producers/inbox-watcher.js';
import { ingestFile } from '../producers/ingest-file.js';
import { createCleanQueue, type CleanQueue } from '../queue/clean-queue.js';
import type { Runtime } from './runtime.js';

export interface ProducerService {
  queue: CleanQueue;
  watcher: InboxWatcher;
  close(): Promise<void>;
}

/** The inbox → raw store → queue side of the pipeline. */
export async function startProducer(runtime: Runtime): Promise<ProducerService> {
  const { config, logger } = runtime;
  const queue = createCleanQueue(runtime.redisUrl, config, 'producer');
  queue.on('error', (err) => logger.warn({ err: err.message }, 'queue connection error (reconnecting)'));
  const gate = new BackPressureGate(
    () => queue.getWaitingCount(),
    config.maxWaiting,
    (paused, waiting) =>
      paused
        ? logger.info({ waiting, maxWaiting: config.maxWaiting }, 'queue is full: pausing the inbox')
        : logger.info({ waiting }, 'queue has room: reading the inbox again'),
  );
  const ctx = { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger };
  const watcher = new InboxWatcher({
    inbox: runtime.paths.inbox,
    stableMs: config.stableMs,
    gate,
    logger,
    ingest: (path, name) => ingestFile(path, name, ctx, { removeSource: true, within: runtime.paths.inbox }),
  });
  await watcher.start();
  return {
    queue,
    watcher,
    async close() {
      await watcher.close();
      await queue.close();
    },
  };
}
