import type { Redis } from 'ioredis';
import { ConfigError, SETTINGS } from '../config.js';
import type { Logger } from '../log.js';

/**
 * BullMQ keeps jobs as ordinary keys: a Redis allowed to evict keys under memory pressure
 * silently loses jobs (a torture run lost 629 of 1,000). scour refuses to start on one
 * unless the operator says so (then the reconciler re-queues what was evicted). A Redis that
 * forbids CONFIG GET (some managed services) cannot be checked: a warning, not a refusal.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger, allowEvicting: boolean, answerWithinMs = 3000): Promise<string | null> {
  let policy: string | null;
  try {
    const answer = redis.config('GET', 'maxmemory-policy') as Promise<string[]>;
    const reply = await Promise.race([answer, new Promise<'late'>((resolve) => setTimeout(resolve, answerWithinMs, 'late').unref())]);
    if (reply === 'late') {
      // Redis is down at start: the process starts anyway (the dashboard reports it on
      // /healthz, workers wait for it) and the policy is checked once Redis answers.
      logger.warn({ waitedMs: answerWithinMs }, 'Redis does not answer yet; its maxmemory-policy is checked when it does');
      answer.then(
        (late) => late[1] && late[1] !== 'noeviction' && logger.error({ policy: late[1] }, `Redis maxmemory-policy is "${late[1]}": it can evict queued jobs; set it to "noeviction"`),
        () => undefined,
      );
      return null;
    }
    policy = reply[1] ?? null;
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy; make sure it is "noeviction"');
    return null;
  }
  if (policy && policy !== 'noeviction') {
    if (!allowEvicting) {
      throw new ConfigError(
        `Redis maxmemory-policy is "${policy}": it can evict queued jobs. Set it to "noeviction" (CONFIG SET maxmemory-policy noeviction), or start with ${SETTINGS.allowEvictingRedis.flag ?? ''} / ${SETTINGS.allowEvictingRedis.env}=true to rely on the reconciler`,
      );
    }
    logger.warn({ policy }, `Redis maxmemory-policy is "${policy}", not "noeviction": evicted jobs come back only through the reconciler`);
  }
  return policy;
}
