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

/**
 * `/healthz`: 200 when Redis answers PING, accepts a write, and the queue's counts can be
 * read; else 503 with the reason. The write probe catches a Redis at maxmemory, which still
 * answers PING and reads while refusing every job the pipeline tries to move.
 */
export function registerHealth(app: FastifyInstance, deps: { redis: Redis; queue: Queue; prefix: string; timeoutMs?: number }): void {
  const ms = deps.timeoutMs ?? HEALTH_TIMEOUT_MS;
  const probeKey = `${deps.prefix}:health-probe`;
  app.get('/healthz', async (_request, reply) => {
    let writeError: string | null = null;
    const [redis, writable, queue] = await Promise.all([
      check(ms, async () => {
        if ((await deps.redis.ping()) !== 'PONG') throw new Error('unexpected PING reply');
      }),
      check(ms, async () => {
        try {
          await deps.redis.set(probeKey, String(Date.now()), 'PX', 60_000);
        } catch (err) {
          writeError = (err as Error).message;
          throw err;
        }
      }),
      check(ms, () => deps.queue.getJobCounts('waiting')),
    ]);
    const ok = redis && writable && queue;
    const reason = ok ? null : !redis ? 'Redis does not answer' : !writable ? `Redis refuses writes: ${writeError ?? 'no answer in time'}` : 'the queue cannot be read';
    return reply.code(ok ? 200 : 503).send({ ok, redis, writable, queue, reason });
  });
}
