import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, workerChild } from '../../pipeline/cli-options.js';
import { startProducer } from '../../pipeline/producer-service.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { startWorkerPool } from '../../pipeline/worker-pool.js';
import { loadConfig } from '../../config.js';
import { storeUrlsForLog } from '../../stores/open-stores.js';

/** `scour start`: producer + worker processes + dashboard, in one command. */
export function register(program: Command): void {
  addSettingOptions(
    program.command('start').description('run the whole pipeline: inbox producer, worker processes and the dashboard'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour');
    const runtime = await openRuntime(config, logger);
    const pool = startWorkerPool({ size: config.workers, ...workerChild(config, runtime.redisUrl), logger });
    const producer = await startProducer(runtime);
    // Loaded here, not at the top: fastify and bull-board are for this command and `scour dashboard` only.
    const { startDashboard } = await import('../../dashboard/index.js');
    const dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, raw: runtime.raw, logger });
    exitOnSignals(
      logger,
      async () => {
        await producer.close();
        await pool.close();
        await dashboard.close();
        await runtime.close();
      },
      () => pool.kill(),
    );
    logger.info({ inbox: runtime.paths.inbox, stores: storeUrlsForLog(config), dashboard: dashboard.url }, 'scour is running: drop files into the inbox');
  });
}
