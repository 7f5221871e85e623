import type { Queue } from 'bullmq';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { createScourMetrics } from '../metrics/prometheus-registry.js';
import type { OutputStore, RawStore } from '../stores/types.js';
import { requireToken } from './access-token.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { registerHealth } from './health.js';
import { TIMED_OUT, within } from './within.js';
import { registerQueueBoard } from './queue-board.js';
import { registerEventsFeed, type EventsFeedOptions } from './events-feed.js';
import { registerRecordsApi } from './records-api.js';
import { registerOpenApi } from './openapi.js';
import { registerRequestGuards } from './request-guards.js';
import { registerStoriesApi } from './stories-api.js';
import { registerConsole, type ConsoleOptions } from './console/index.js';

export interface DashboardAppDeps {
  redis: Redis;
  queue: Queue;
  store: OutputStore;
  /** Raw bytes, for /api/records/:id/source and the record page's source view; without it sources show as gone. */
  raw?: RawStore;
  logger: Logger;
  /** Queue and stream prefix (config.prefix). */
  prefix: string;
  /** When set, every route but /healthz requires it. */
  token?: string | undefined;
  /** With a token: host names served besides loopback and IP addresses (SCOUR_PUBLIC_HOSTS). */
  publicHosts?: readonly string[];
  /** Redis wait of /healthz and /metrics before answering 503. Default 1.5 s / 5 s. */
  healthTimeoutMs?: number;
  metricsTimeoutMs?: number;
  events?: EventsFeedOptions;
  console?: ConsoleOptions;
}

/** The whole HTTP surface on one Fastify instance, not yet listening. */
export async function buildDashboardApp(deps: DashboardAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'dashboard' }) as FastifyBaseLogger,
    // bull-board polls every few seconds; per-request lines would drown the pipeline's logs.
    logController: new LogController({ disableRequestLogging: true }),
  });
  // Registered first and at the root, so they wrap every route added below, plugins included.
  registerRequestGuards(app, { tokenSet: deps.token !== undefined, publicHosts: deps.publicHosts ?? [] });
  if (deps.token !== undefined) requireToken(app, deps.token);

  registerHealth(app, { redis: deps.redis, queue: deps.queue, prefix: deps.prefix, timeoutMs: deps.healthTimeoutMs });

  const metrics = createScourMetrics({ redis: deps.redis, prefix: deps.prefix, queue: deps.queue });
  app.get('/metrics', async (_request, reply) => {
    const text = await within(deps.metricsTimeoutMs ?? 5000, metrics.render()).catch((): typeof TIMED_OUT => TIMED_OUT);
    if (text === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);
    return reply.type(metrics.contentType).send(text);
  });

  registerRecordsApi(app, { redis: deps.redis, store: deps.store, prefix: deps.prefix });
  registerOpenApi(app);
  registerStoriesApi(app, { store: deps.store });
  registerEventsFeed(app, { redis: deps.redis, prefix: deps.prefix, logger: deps.logger }, deps.events);
  registerConsole(app, { redis: deps.redis, queue: deps.queue, store: deps.store, raw: deps.raw, prefix: deps.prefix, logger: deps.logger }, deps.console);
  await registerQueueBoard(app, deps.queue);

  app.get('/', async (_request, reply) => reply.redirect('/queues'));
  return app;
}
