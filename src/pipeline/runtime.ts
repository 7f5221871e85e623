import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { checkEvictionPolicy } from '../redis/eviction-check.js';
import { connectRedis } from '../redis/redis-options.js';
import { resolveRedis, type ResolvedRedis } from '../redis/resolve-redis.js';
import { waitUntilReady } from '../redis/wait-ready.js';
import type { Config } from '../config.js';
import { openStores } from '../stores/open-stores.js';
import type { OutputStore, RawStore } from '../stores/types.js';
import { dataPaths, type DataPaths } from './data-paths.js';

/** What every pipeline command shares: the resolved Redis, a client, and the stores. */
export interface Runtime {
  config: Config;
  logger: Logger;
  paths: DataPaths;
  redisUrl: string;
  /** scour's own client (stats, record events, status); BullMQ opens its own. */
  redis: Redis;
  raw: RawStore;
  output: OutputStore;
  /** Closes the stores and the client, and stops a private redis-server this process started. */
  close(): Promise<void>;
}

export interface OpenRuntimeOptions {
  /**
   * Give up when Redis does not answer within SCOUR_REDIS_WAIT_MS (one line, no endless
   * reconnect warnings): for commands a person runs and watches (start, status, add…). The
   * services (worker, producer, dashboard) wait for a Redis that is down at start instead.
   */
  boundedRedisWait?: boolean;
}

export async function openRuntime(config: Config, logger: Logger, options: OpenRuntimeOptions = {}): Promise<Runtime> {
  const resolved: ResolvedRedis = await resolveRedis(config, logger);
  logger.debug({ url: resolved.url, source: resolved.source }, 'using Redis');
  const redis = connectRedis(resolved.url, 'scour');
  const paths = dataPaths(config);
  let stores;
  try {
    if (options.boundedRedisWait) await waitUntilReady(redis, resolved.url, config.redisWaitMs);
    // Once it answered (or for a service, at once): a lost connection is a restart, retried for ever.
    redis.on('error', (err) => logger.warn({ err: err.message }, 'Redis connection error (reconnecting)'));
    await checkEvictionPolicy(redis, logger, config.allowEvictingRedis);
    stores = await openStores(config, logger);
  } catch (err) {
    redis.disconnect();
    await resolved.stop();
    throw err;
  }
  return {
    config,
    logger,
    paths,
    redisUrl: resolved.url,
    redis,
    raw: stores.raw,
    output: stores.output,
    async close() {
      await stores.close();
      await redis.quit().catch(() => redis.disconnect());
      await resolved.stop();
    },
  };
}
