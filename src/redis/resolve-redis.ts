import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import { pingRedis } from './ping-redis.js';
import { startPrivateRedis } from './private-redis.js';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** The one line printed when there is no Redis to use. */
export const NO_REDIS_MESSAGE =
  'scour needs Redis and found none (REDIS_URL is not set, nothing answers on 127.0.0.1:6379, no redis-server on PATH). ' +
  'Install it (apt-get install redis-server), run it in Docker (docker run -d -p 6379:6379 redis:7), ' +
  'or point scour at one with REDIS_URL=redis://host:6379.';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  constructor() {
    super(NO_REDIS_MESSAGE);
  }
}

export interface ResolvedRedis {
  url: string;
  /** env = REDIS_URL; local = 127.0.0.1:6379 answered; private = a redis-server under <data>/redis. */
  source: 'env' | 'local' | 'private';
  /** Stops a private redis-server this process started; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface ResolveRedisOptions {
  /** URL probed when REDIS_URL is unset (default redis://127.0.0.1:6379). */
  localUrl?: string;
}

/** REDIS_URL if set; else 127.0.0.1:6379 if it answers; else a private redis-server; else RedisUnavailableError. */
export async function resolveRedis(config: Config, logger: Logger, options: ResolveRedisOptions = {}): Promise<ResolvedRedis> {
  const noop = async () => undefined;
  if (config.redisUrl) return { url: config.redisUrl, source: 'env', stop: noop };
  const localUrl = options.localUrl ?? LOCAL_REDIS_URL;
  if (await pingRedis(localUrl)) return { url: localUrl, source: 'local', stop: noop };
  const started = await startPrivateRedis({ dir: join(config.dataDir, 'redis'), logger });
  if (!started) throw new RedisUnavailableError();
  return { url: started.url, source: 'private', stop: started.stop };
}
