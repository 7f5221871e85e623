// The queue's ceiling on this machine: N jobs shaped like scour's (same job options, a
// CleanJob payload, id = a sha256), drained by K no-op worker processes with the
// pipeline's Worker options. Only the drain is timed: jobs are added before "run".
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sha256 } from './inputs.mjs';
import { nowMs, sleep } from './measure.mjs';
import { cpuTimesOf, startNode } from './processes.mjs';
import { deletePrefix, redisCpuSeconds } from './redis.mjs';

export async function noopCeiling({ root, dist, redis, redisUrl, keyPrefix, config, workers, n, log }) {
  const { createCleanQueue, JOB_NAME } = await import(`${dist}/queue/clean-queue.js`);
  const prefix = `${keyPrefix}-noop-${randomUUID().slice(0, 8)}`;
  const queue = createCleanQueue(redisUrl, { prefix, attempts: config.attempts, backoffMs: config.backoffMs }, 'bench');
  const children = [];
  try {
    const receivedAt = new Date().toISOString();
    for (let i = 0; i < n; i += 1000) {
      const jobs = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
        const rawKey = sha256(`${prefix}-${i + k}`);
        return { name: JOB_NAME, data: { rawKey, name: `noop-${i + k}.txt`, bytes: 4000, receivedAt }, opts: { jobId: rawKey } };
      });
      await queue.addBulk(jobs);
    }
    const settings = JSON.stringify({ redisUrl, prefix, concurrency: config.concurrency, lockMs: config.lockMs });
    for (let k = 0; k < workers; k++) children.push(startNode(join(root, 'bench', 'noop-worker.mjs'), [dist, settings], { cwd: root, ipc: true }));
    await Promise.all(children.map((c) => new Promise((resolve) => c.child.once('message', resolve))));
    log(`noop: ${n} jobs, ${workers} no-op worker process(es), concurrency ${config.concurrency} each…`);
    const cpuBefore = await cpuOf(children, redis);
    const start = nowMs();
    for (const c of children) c.child.send('run');
    for (;;) {
      await sleep(20);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused');
      if (Object.values(counts).every((v) => v === 0)) break;
    }
    const seconds = (nowMs() - start) / 1000;
    const cpuAfter = await cpuOf(children, redis);
    const perJob = (role) => Math.round(((cpuAfter[role] - cpuBefore[role]) * 1000 * 100) / n) / 100;
    // What one job costs the machine with nothing done in it: the floor under every pipeline job.
    return { perSecond: n / seconds, seconds, cpu: { workers: perJob('workers'), redis: perJob('redis') } };
  } finally {
    for (const c of children) if (c.child.connected) c.child.send('stop');
    await Promise.all(children.map((c) => c.stop(10_000)));
    await queue.close();
    await deletePrefix(redis, prefix);
  }
}

/** CPU seconds so far of the no-op worker processes, and of Redis. */
async function cpuOf(children, redis) {
  const workers = children.map((c) => cpuTimesOf(c.pid)).filter(Boolean).reduce((sum, t) => sum + t.user + t.sys, 0);
  return { workers, redis: await redisCpuSeconds(redis) };
}
