import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, DASHBOARD_SETTINGS } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { loadConfig } from '../../config.js';

/**
 * `scour dashboard`: the HTTP server alone (bull-board, /metrics, /healthz, read API), for a
 * machine that only watches a pipeline whose producers and workers run elsewhere. Redis is
 * found the way every pipeline command finds it (REDIS_URL, local, private redis-server).
 */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('dashboard')
      .description('serve bull-board at /queues, /metrics, /healthz and the records API (no producer, no workers)'),
    DASHBOARD_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
      const config = loadConfig(configFlags(options));
      const logger = createLogger(config.logLevel, 'scour-dashboard');
      const runtime = await openRuntime(config, logger);
      // Loaded only by the commands that serve it: fastify and bull-board cost every other command its start-up time.
      const { startDashboard } = await import('../../dashboard/index.js');
      let dashboard;
      try {
        dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, raw: runtime.raw, logger });
      } catch (err) {
        await runtime.close();
        throw err;
      }
      exitOnSignals(logger, async () => {
        await dashboard.close();
        await runtime.close();
      });
      process.stderr.write(`scour dashboard: ${dashboard.url}/queues  (records ${dashboard.url}/records, metrics ${dashboard.url}/metrics, API ${dashboard.url}/api/records)\n`);
    });
}
