import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, workerChild } from '../../pipeline/cli-options.js';
import { startProducer, type ProducerService } from '../../pipeline/producer-service.js';
import type { RunningDashboard } from '../../dashboard/index.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { startWorkerPool, type WorkerPool } from '../../pipeline/worker-pool.js';
import { loadConfig } from '../../config.js';
import { storeUrlsForLog } from '../../stores/open-stores.js';

/** `scour start`: producer + worker processes + dashboard, in one command. */
export function register(program: Command): void {
  addSettingOptions(
    program.command('start').description('run the whole pipeline: inbox producer, worker processes and the dashboard'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour');
    const runtime = await openRuntime(config, logger, { boundedRedisWait: true });
    // All or nothing: the dashboard first (a taken port or a refused host fails before any
    // process is forked), then the workers and the producer; a failure on the way stops what
    // was started, in reverse order, before the error reaches the CLI.
    const started: Array<() => Promise<void>> = [() => runtime.close()];
    const stopAll = async () => {
      for (const stop of started.splice(0).reverse()) await stop().catch((err: unknown) => logger.warn({ err }, 'error while stopping'));
    };
    let pool: WorkerPool | undefined;
    let producer: ProducerService;
    let dashboard: RunningDashboard;
    try {
      // Loaded here, not at the top: fastify and bull-board are for this command and `scour dashboard` only.
      const { startDashboard } = await import('../../dashboard/index.js');
      dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, raw: runtime.raw, logger });
      started.push(() => dashboard.close());
      const running = startWorkerPool({ size: config.workers, ...workerChild(config, runtime.redisUrl), logger });
      pool = running;
      started.push(() => running.close());
      producer = await startProducer(runtime);
      started.push(() => producer.close());
    } catch (err) {
      await stopAll();
      throw err;
    }
    exitOnSignals(logger, stopAll, () => pool?.kill());
    logger.info({ inbox: runtime.paths.inbox, stores: storeUrlsForLog(config), dashboard: dashboard.url }, 'scour is running: drop files into the inbox');
  });
}
