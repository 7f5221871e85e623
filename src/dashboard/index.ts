import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { OutputStore, RawStore } from '../stores/types.js';
import type { ConsoleOptions } from './console/index.js';
import { assertBindAllowed } from './access-token.js';
import { buildDashboardApp } from './app.js';
import { QUEUE_NAME } from '../queue/clean-queue.js';
import type { EventsFeedOptions } from './events-feed.js';

export { buildDashboardApp } from './app.js';
export { isLoopbackHost, assertBindAllowed, OPEN_ROUTES, TOKEN_COOKIE } from './access-token.js';

export interface DashboardOptions {
  config: Config;
  /** Shared with the caller; the dashboard never closes it. Blocking reads use duplicates. */
  redis: Redis;
  store: OutputStore;
  /** Raw bytes, for the console's source views and /api/records/:id/source. */
  raw?: RawStore;
  logger: Logger;
  /** Overrides for tests; defaults suit production. */
  healthTimeoutMs?: number;
  events?: EventsFeedOptions;
  console?: ConsoleOptions;
}

export interface RunningDashboard {
  /** http://host:port of the listening server (the real port when config.port is 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts bull-board, /metrics, /healthz and the read API on config.host:config.port.
 * Throws ConfigError (one line) when asked to bind beyond loopback without a token.
 * Does not wait for Redis: a dashboard that starts during an outage reports it on /healthz.
 */
export async function startDashboard(opts: DashboardOptions): Promise<RunningDashboard> {
  const { config } = opts;
  assertBindAllowed(config.host, config.dashboardToken);
  const queue = new Queue(QUEUE_NAME, { connection: opts.redis, prefix: config.prefix });
  queue.on('error', (err) => opts.logger.debug({ err }, 'dashboard queue connection error'));
  const app = await buildDashboardApp({
    redis: opts.redis,
    queue,
    store: opts.store,
    raw: opts.raw,
    logger: opts.logger,
    prefix: config.prefix,
    token: config.dashboardToken,
    publicHosts: config.publicHosts,
    healthTimeoutMs: opts.healthTimeoutMs,
    events: opts.events,
    console: opts.console,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await queue.close().catch(() => undefined);
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  opts.logger.info({ url, auth: config.dashboardToken ? 'token' : 'none (loopback)' }, 'dashboard listening');
  return {
    url,
    async close() {
      await app.close();
      await queue.close();
    },
  };
}
