import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, WORKER_SETTINGS, workerChild } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { startWorkerPool } from '../../pipeline/worker-pool.js';
import { loadConfig } from '../../config.js';

/** `scour worker`: clean jobs from the queue; with --workers N > 1, supervise N worker processes. */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('worker')
      .description('clean queued jobs into the output store (one process per core by default; run on as many machines as you like)'),
    WORKER_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
    // A forked child whose supervisor dies while it starts up (before exitOnSignals below is
    // reached, after the awaits) would never hear the disconnect: it would live on as an orphan.
    const orphaned = () => process.exit(0);
    if (process.send) {
      if (!process.connected) orphaned();
      process.once('disconnect', orphaned);
    }
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour-worker');
    const runtime = await openRuntime(config, logger);
    if (config.workers > 1) {
      process.off('disconnect', orphaned);
      const pool = startWorkerPool({ size: config.workers, ...workerChild(config, runtime.redisUrl), logger });
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
    // Loaded here, not at the top: it loads the cleaner, which every other scour process (and
    // a supervisor of worker processes) would load for nothing.
    const { startWorkerService } = await import('../../pipeline/worker-service.js');
    const service = startWorkerService(runtime);
    // From here the graceful stop below handles a supervisor that goes away.
    process.off('disconnect', orphaned);
    if (process.send && !process.connected) orphaned();
    exitOnSignals(logger, async () => {
      await service.close();
      await runtime.close();
    });
    await service.ready;
    logger.info({ pid: process.pid, concurrency: config.concurrency, prefix: config.prefix }, 'worker ready');
  });
}
