import { BackPressureGate } from '../producers/back-pressure.js';
import { InboxWatcher } from '../producers/inbox-watcher.js';
import { ingestFile } from '../producers/ingest-file.js';
import { reconcileRaw } from '../producers/reconcile-raw.js';
import { sweepKeptRaw } from '../producers/sweep-kept-raw.js';
import { createCleanQueue, type CleanQueue } from '../queue/clean-queue.js';
import type { Runtime } from './runtime.js';

/** Raw entries younger than this are left to the producer storing them (its job follows within milliseconds). */
const RECONCILE_GRACE_MS = 60_000;
/** The first round waits for the inbox scan at most this long (a busy inbox may never be empty). */
const FIRST_RECONCILE_WAIT_MS = 60_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

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
  const ctx = { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger, holdDuplicatesMs: config.stableMs, rawRetentionMs: config.rawRetentionMs };
  const watcher = new InboxWatcher({
    inbox: runtime.paths.inbox,
    stableMs: config.stableMs,
    gate,
    logger,
    ingest: (path, name) => ingestFile(path, name, ctx, { removeSource: true, within: runtime.paths.inbox }),
  });
  await watcher.start();
  // The first round waits until the files already in the inbox are queued (a producer killed
  // between a file's raw copy and its job finds the file again and queues it under its own
  // name); whatever raw entry still has no job then is lost work, however young (grace 0).
  // Later rounds leave young entries to the producers storing them right now.
  const reconcileCtx = { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger, rawRetentionMs: config.rawRetentionMs };
  const warn = (err: unknown) => logger.warn({ err: (err as Error).message }, 'reconciling the raw store failed; will try again');
  let closing = false;
  // Each round then sweeps the raw bytes kept past their retention.
  const round = async (graceMs: number) => {
    await reconcileRaw(reconcileCtx, { graceMs });
    await sweepKeptRaw(reconcileCtx);
  };
  const firstRound = Promise.race([watcher.drained(), delay(FIRST_RECONCILE_WAIT_MS)])
    .then(() => (closing ? undefined : round(0)))
    .catch(warn);
  const reconciling = startPeriodic(config.reconcileMs, () => round(RECONCILE_GRACE_MS), warn);
  return {
    queue,
    watcher,
    async close() {
      closing = true;
      await reconciling.stop();
      await watcher.close();
      await firstRound;
      await queue.close();
    },
  };
}

/** Runs `task` every `everyMs` (0 = never), one run at a time; stop() waits for a run in progress. */
function startPeriodic(everyMs: number, task: () => Promise<unknown>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  if (everyMs <= 0) return { stop: async () => undefined };
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // A round still running (a huge store, a slow backend) is not joined by another.
    if (running) return;
    running = task()
      .catch(onError)
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
