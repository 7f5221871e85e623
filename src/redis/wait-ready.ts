import type { Redis } from 'ioredis';
import { withoutPassword } from '../redact-url.js';

/** The one line printed when the configured Redis does not answer in time. */
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/**
 * Waits until the client is ready, at most timeoutMs. A process keeps retrying a Redis it once
 * reached (restarts are expected), but one that never answered at start is most likely a wrong
 * REDIS_URL: that ends in one line rather than endless reconnect warnings.
 */
export async function waitUntilReady(redis: Redis, url: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  let lastError = '';
  const onError = (err: Error) => {
    lastError = err.message || (err as { code?: string }).code || String(err);
  };
  redis.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        const why = lastError ? ` (${lastError})` : '';
        reject(new RedisUnreachableError(`cannot reach Redis at ${withoutPassword(url)} within ${timeoutMs / 1000} s${why}: check REDIS_URL and that Redis runs there (SCOUR_REDIS_WAIT_MS sets how long to wait)`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      redis.once('ready', onReady);
    });
  } finally {
    redis.off('error', onError);
  }
}
