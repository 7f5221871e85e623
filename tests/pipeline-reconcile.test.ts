import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createCleanQueue } from '../src/queue/clean-queue.js';
import { e2eScope } from './helpers/e2e-env.js';
import { generatedInput, sha256 } from './helpers/generate-inputs.js';
import { compareOutputs, outputCount } from './helpers/output-check.js';
import { spawnScour } from './helpers/scour-process.js';
import { privateRedisServer } from './helpers/private-redis-server.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * The raw store is the source of truth: a torture run lost 99 of 1,000 files when Redis
 * restarted without persistence, and 629 with an evicting Redis. These tests lose all of
 * Redis's data on purpose (a private redis-server, so FLUSHALL touches nothing else).
 */
describe('reconciler: losing Redis data loses no file (real processes, private Redis)', () => {
  const { open, cleanups } = e2eScope();

  const privateRedis = async (): Promise<string> => {
    const server = await privateRedisServer('reconcile-redis');
    cleanups.push(server.remove);
    await server.start();
    return server.url;
  };

  it('20 files queued while no worker runs, then FLUSHALL: a restart of producer and worker turns all 20 into outputs', async () => {
    const url = await privateRedis();
    const env = await open('reconcile-flush', url);
    const producer = env.track(spawnScour(['producer'], env.env));
    await producer.waitForLog(/watching the inbox/);
    const expected = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const content = generatedInput(i);
      expected.add(sha256(content));
      await writeFile(join(env.inbox, `flush-${i}.txt`), content);
    }
    const queue = createCleanQueue(url, { prefix: env.prefix, attempts: 5, backoffMs: 100 }, 'test');
    cleanups.push(() => queue.close());
    await waitFor(async () => (await queue.getWaitingCount()) === 20 && (await env.inboxFiles()).length === 0, 30_000, '20 waiting jobs, inbox empty');
    producer.kill('SIGTERM');
    await producer.exited;

    const admin = new Redis(url);
    cleanups.push(async () => admin.disconnect());
    await admin.flushall();
    expect(await queue.getWaitingCount()).toBe(0);

    const restarted = env.track(spawnScour(['producer'], env.env));
    const worker = env.track(spawnScour(['worker', '--workers', '1'], env.env));
    await waitFor(async () => (await outputCount(env.out)) >= 20, 60_000, '20 outputs');
    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    expect(restarted.stderr.some((line) => /queued again/.test(line))).toBe(true);
    worker.kill('SIGTERM');
    restarted.kill('SIGTERM');
  });

  it('scour reconcile queues again what bull-board "obliterate" dropped, and a second pass changes nothing', async () => {
    const url = await privateRedis();
    const env = await open('reconcile-cli', url);
    const inputs = join(env.dataDir, 'inputs');
    const expected = new Set<string>();
    await mkdir(inputs);
    for (let i = 0; i < 5; i += 1) {
      const content = generatedInput(100 + i);
      expected.add(sha256(content));
      await writeFile(join(inputs, `in-${i}.txt`), content);
    }
    expect((await spawnScour(['add', inputs], env.env).exited).code).toBe(0);
    const queue = createCleanQueue(url, { prefix: env.prefix, attempts: 5, backoffMs: 100 }, 'test');
    cleanups.push(() => queue.close());
    await queue.obliterate({ force: true });
    expect(await queue.count()).toBe(0);

    const first = spawnScour(['reconcile', '--json'], env.env);
    expect((await first.exited).code).toBe(0);
    expect(JSON.parse(first.stdout.join('\n'))).toEqual({ scanned: 5, requeued: 5, removed: 0, kept: 0 });
    const second = spawnScour(['reconcile', '--json'], env.env);
    expect((await second.exited).code).toBe(0);
    expect(JSON.parse(second.stdout.join('\n'))).toMatchObject({ scanned: 5, requeued: 0, kept: 5 });
    expect(await queue.getWaitingCount()).toBe(5);
    // The file store keeps no names: such inputs come back as recovered/<key>.
    const job = await queue.getJob([...expected][0]!);
    expect(job?.data).toMatchObject({ recovered: true, name: `recovered/${[...expected][0]}` });

    const worker = env.track(spawnScour(['worker', '--workers', '1'], env.env));
    await waitFor(async () => (await outputCount(env.out)) >= 5, 60_000, '5 outputs');
    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    worker.kill('SIGTERM');
    await worker.exited;
    const third = spawnScour(['reconcile', '--json'], env.env);
    expect((await third.exited).code).toBe(0);
    expect(JSON.parse(third.stdout.join('\n'))).toEqual({ scanned: 0, requeued: 0, removed: 0, kept: 0 });
  });
});
