import type { Command } from 'commander';
import { startDashboard } from '../../dashboard/index.js';
import { createLogger } from '../../log.js';
import { configFlags } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { loadConfig } from '../../schemas/index.js';

/**
 * `scour dashboard`: the HTTP server alone (bull-board, /metrics, /healthz, read API), for a
 * machine that only watches a pipeline whose producers and workers run elsewhere. Redis is
 * found the way every pipeline command finds it (REDIS_URL, local, private redis-server).
 */
export function register(program: Command): void {
  program
    .command('dashboard')
    .description('serve bull-board at /queues, /metrics, /healthz and the records API (no producer, no workers)')
    .option('--data <dir>', 'data folder holding out/ (env SCOUR_DATA_DIR, default ./data)')
    .option('--prefix <prefix>', 'queue and stream key prefix (env SCOUR_QUEUE_PREFIX, default scour)')
    .option('--host <address>', 'bind address; beyond loopback needs SCOUR_DASHBOARD_TOKEN (env SCOUR_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port (env SCOUR_PORT, default 3000)')
    .option('--redis-url <url>', 'Redis to use (env REDIS_URL; default 127.0.0.1:6379 or a private redis-server)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env SCOUR_LOG_LEVEL, default info)')
    .action(async (options: Record<string, unknown>) => {
      const config = loadConfig(configFlags(options));
      const logger = createLogger(config.logLevel, 'scour-dashboard');
      const runtime = await openRuntime(config, logger);
      let dashboard;
      try {
        dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, logger });
      } catch (err) {
        await runtime.close();
        throw err;
      }
      exitOnSignals(logger, async () => {
        await dashboard.close();
        await runtime.close();
      });
      process.stderr.write(`scour dashboard: ${dashboard.url}/queues  (metrics ${dashboard.url}/metrics, records ${dashboard.url}/api/records)\n`);
    });
}
