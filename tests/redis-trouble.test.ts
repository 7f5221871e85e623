import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/redis/free-port.js';
import { startCleanWorker } from '../src/workers/clean-worker.js';
import { captureLogger } from './helpers/capture-logger.js';
import { ensureDist } from './helpers/ensure-dist.js';
import { spawnScour } from './helpers/scour-process.js';
import { privateRedisServer } from './helpers/private-redis-server.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { startHarness } from './fixtures/dashboard/harness.js';

/** Redis in trouble, as a torture run found it: full (maxmemory), or not there at start. */
describe('Redis in trouble (private redis-server, real processes)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A redis-server that refuses writes: maxmemory 1 MB, noeviction, filled up. */
  const fullRedis = async (): Promise<string> => {
    const server = await privateRedisServer('full-redis', ['--save', '', '--appendonly', 'no', '--maxmemory', '3mb', '--maxmemory-policy', 'noeviction']);
    cleanups.push(server.remove);
    await server.start();
    const url = server.url;
    const filler = new Redis(url);
    try {
      for (let i = 0; ; i += 1) await filler.set(`filler:${i}`, 'x'.repeat(100_000));
    } catch (err) {
      expect(String(err)).toMatch(/OOM/);
    } finally {
      filler.disconnect();
    }
    return url;
  };

  it('a worker on a Redis at maxmemory backs off and logs a handful of lines, not millions; /healthz says why it is 503', async () => {
    const url = await fullRedis();
    const { logger, lines } = captureLogger('info');
    const queue = new Queue('clean', { connection: { url, maxRetriesPerRequest: null }, prefix: 'full' });
    cleanups.push(() => queue.close());
    let worker: Worker | null = null;
    const ctx = {
      raw: {} as never,
      output: {} as never,
      redis: new Redis(url, { maxRetriesPerRequest: null }),
      prefix: 'full',
      clean: (() => ({ ok: false, reason: 'empty', detail: 'unused' })) as never,
      maxBytes: 1,
      stableMs: 0,
      rawRetentionMs: 0,
      enqueue: async () => undefined,
      logger,
    };
    cleanups.push(async () => ctx.redis.disconnect());
    worker = startCleanWorker(ctx, { redisUrl: url });
    cleanups.push(async () => worker?.close(true));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const errorLines = lines.filter((line) => Number(line.level) >= 40);
    expect(errorLines.length).toBeGreaterThan(0);
    expect(errorLines.length).toBeLessThan(20);
    expect(lines.some((line) => /pausing this worker/.test(String(line.msg)))).toBe(true);

    const h = await startHarness({}, { redis: new Redis(url, { maxRetriesPerRequest: null }) });
    cleanups.push(() => h.cleanup());
    const res = await h.get('/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; redis: boolean; writable: boolean; reason: string };
    expect(body).toMatchObject({ ok: false, redis: true, writable: false });
    expect(body.reason).toMatch(/refuses writes: OOM/);
  });

  it('scour dashboard with Redis down at start still answers /healthz (503) at once', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const dir = await makeTempDir('dashboard-no-redis');
    cleanups.push(dir.remove);
    await ensureDist();
    const dashboard = spawnScour(['dashboard'], { REDIS_URL: closed, SCOUR_DATA_DIR: dir.path, SCOUR_PORT: '0' });
    cleanups.push(async () => {
      dashboard.kill('SIGKILL');
      await dashboard.exited;
    });
    const line = await dashboard.waitForLog(/dashboard listening/, 20_000);
    const url = (JSON.parse(line) as { url: string }).url;
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { reason: string }).reason).toBe('Redis does not answer');
  });
});
