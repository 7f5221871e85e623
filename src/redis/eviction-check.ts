import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * BullMQ keeps jobs as ordinary keys: a Redis allowed to evict keys under memory pressure
 * silently loses jobs. Warn (do not refuse: managed Redis may forbid CONFIG GET).
 */
export async function warnIfEvicting(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy && policy !== 'noeviction') {
      logger.warn({ policy }, `Redis maxmemory-policy is "${policy}": jobs can be evicted under memory pressure; set it to "noeviction"`);
    }
    return policy;
  } catch (err) {
    logger.debug({ err }, 'could not read Redis maxmemory-policy');
    return null;
  }
}
