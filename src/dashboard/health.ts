import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { TIMED_OUT, within } from './within.js';

/** How long /healthz waits for Redis before calling it down (orchestrators time out at ~1-10 s). */
export const HEALTH_TIMEOUT_MS = 1500;

async function check(ms: number, probe: () => Promise<unknown>): Promise<boolean> {
  try {
    const result = await within(ms, probe());
    return result !== TIMED_OUT;
  } catch {
    return false;
  }
}

/** `/healthz`: 200 when Redis answers PING and the queue's counts can be read, else 503. */
export function registerHealth(app: FastifyInstance, deps: { redis: Redis; queue: Queue; timeoutMs?: number }): void {
  const ms = deps.timeoutMs ?? HEALTH_TIMEOUT_MS;
  app.get('/healthz', async (_request, reply) => {
    const [redis, queue] = await Promise.all([
      check(ms, async () => {
        if ((await deps.redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
      }),
      check(ms, () => deps.queue.getJobCounts('waiting')),
    ]);
    const ok = redis && queue;
    return reply.code(ok ? 200 : 503).send({ ok, redis, queue });
  });
}
