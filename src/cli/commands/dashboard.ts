import { join } from 'node:path';
import type { Command } from 'commander';
import { startDashboard } from '../../dashboard/index.js';
import { createLogger } from '../../log.js';
import { connectRedis } from '../../redis/redis-options.js';
import { RedisUnavailableError, resolveRedis } from '../../redis/resolve-redis.js';
import { loadConfig } from '../../schemas/config.js';
import { FsOutputStore } from '../../stores/fs-output-store.js';

interface DashboardFlags {
  data?: string;
  prefix?: string;
  host?: string;
  port?: string;
  logLevel?: string;
}

/**
 * `scour dashboard`: the HTTP server alone (bull-board, /metrics, /healthz, read API), for a
 * machine that only watches a pipeline whose producers and workers run elsewhere.
 */
export function register(program: Command): void {
  program
    .command('dashboard')
    .description('serve bull-board at /queues, /metrics, /healthz and the records API (no producer, no workers)')
    .option('--data <dir>', 'data folder holding out/ (SCOUR_DATA_DIR, default ./data)')
    .option('--prefix <prefix>', 'queue and stream prefix (SCOUR_QUEUE_PREFIX, default scour)')
    .option('--host <address>', 'bind address; beyond loopback needs SCOUR_DASHBOARD_TOKEN (SCOUR_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port (SCOUR_PORT, default 3000)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (SCOUR_LOG_LEVEL, default info)')
    .action(async (flags: DashboardFlags) => {
      const config = loadConfig({ dataDir: flags.data, prefix: flags.prefix, host: flags.host, port: flags.port, logLevel: flags.logLevel });
      const logger = createLogger(config.logLevel, 'scour-dashboard');
      let resolved;
      try {
        resolved = await resolveRedis(config, logger);
      } catch (err) {
        if (!(err instanceof RedisUnavailableError)) throw err;
        process.stderr.write(`scour: ${err.message}\n`);
        process.exit(2);
      }
      const redis = connectRedis(resolved.url, 'scour-dashboard');
      redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
      const store = new FsOutputStore(join(config.dataDir, 'out'));
      const dashboard = await startDashboard({ config, redis, store, logger });
      process.stderr.write(`scour dashboard: ${dashboard.url}/queues  (metrics ${dashboard.url}/metrics, API ${dashboard.url}/api/records)\n`);

      let stopping = false;
      const stop = async (signal: NodeJS.Signals) => {
        // A second signal means "now": skip the graceful part.
        if (stopping) process.exit(130);
        stopping = true;
        logger.info({ signal }, 'stopping dashboard');
        await dashboard.close();
        redis.disconnect();
        await resolved.stop();
        process.exit(0);
      };
      process.on('SIGINT', (signal) => void stop(signal));
      process.on('SIGTERM', (signal) => void stop(signal));
    });
}
