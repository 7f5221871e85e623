import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { checkEvictionPolicy } from '../redis/eviction-check.js';
import { connectRedis } from '../redis/redis-options.js';
import { resolveRedis, type ResolvedRedis } from '../redis/resolve-redis.js';
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

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const resolved: ResolvedRedis = await resolveRedis(config, logger);
  logger.debug({ url: resolved.url, source: resolved.source }, 'using Redis');
  const redis = connectRedis(resolved.url, 'scour');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'Redis connection error (reconnecting)'));
  const paths = dataPaths(config);
  let stores;
  try {
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
