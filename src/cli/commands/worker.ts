import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addPipelineOptions, configFlags, workerChildArgs } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { startWorkerPool } from '../../pipeline/worker-pool.js';
import { startWorkerService } from '../../pipeline/worker-service.js';
import { loadConfig } from '../../schemas/index.js';

/** `scour worker`: clean jobs from the queue; with --workers N > 1, supervise N worker processes. */
export function register(program: Command): void {
  addPipelineOptions(
    program
      .command('worker')
      .description('clean queued jobs into the output store (one process per core by default; run on as many machines as you like)'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour-worker');
    const runtime = await openRuntime(config, logger);
    if (config.workers > 1) {
      const pool = startWorkerPool({ size: config.workers, args: workerChildArgs(config, runtime.redisUrl), logger });
      exitOnSignals(
        logger,
        async () => {
          await pool.close();
          await runtime.close();
        },
        () => pool.kill(),
      );
      return;
    }
    const service = startWorkerService(runtime);
    exitOnSignals(logger, async () => {
      await service.close();
      await runtime.close();
    });
    logger.info({ pid: process.pid, concurrency: config.concurrency, prefix: config.prefix }, 'worker ready');
  });
}
