import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { warnIfEvicting } from '../redis/eviction-check.js';
import { connectRedis } from '../redis/redis-options.js';
import { resolveRedis, type ResolvedRedis } from '../redis/resolve-redis.js';
import type { Config } from '../schemas/index.js';
import { FsOutputStore } from '../stores/fs-output-store.js';
import { FsRawStore } from '../stores/fs-raw-store.js';
import { dataPaths, type DataPaths } from './data-paths.js';

/** What every pipeline command shares: the resolved Redis, a client, and the stores. */
export interface Runtime {
  config: Config;
  logger: Logger;
  paths: DataPaths;
  redisUrl: string;
  /** scour's own client (stats, record events, status); BullMQ opens its own. */
  redis: Redis;
  raw: FsRawStore;
  output: FsOutputStore;
  /** Closes the client and stops a private redis-server this process started. */
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const resolved: ResolvedRedis = await resolveRedis(config, logger);
  logger.debug({ url: resolved.url, source: resolved.source }, 'using Redis');
  const redis = connectRedis(resolved.url, 'scour');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'Redis connection error (reconnecting)'));
  await warnIfEvicting(redis, logger);
  const paths = dataPaths(config);
  return {
    config,
    logger,
    paths,
    redisUrl: resolved.url,
    redis,
    raw: new FsRawStore(paths.raw),
    output: new FsOutputStore(paths.out),
    async close() {
      await redis.quit().catch(() => redis.disconnect());
      await resolved.stop();
    },
  };
}
