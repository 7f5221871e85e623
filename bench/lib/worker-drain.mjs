// The pipeline's workers alone on the queue's terms: N jobs queued by the bench itself (raw
// bytes put straight into the raw store, jobs added in bulk with scour's job options), then
// drained by `scour worker --workers K`. Compared with the no-op ceiling of the same K, it
// tells how much of the end-to-end gap is the workers' and how much the producer's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from './inputs.mjs';
import { cpuPerFile, cpuSnapshot, openPipeline, waitForOutputs } from './pipeline-run.mjs';

export async function workerDrain(ctx, { workers, n, label, budgetMs }) {
  const { root, dist, redis, redisUrl, keyPrefix, pool, config, log } = ctx;
  const { FsRawStore } = await import(`${dist}/stores/fs/fs-raw-store.js`);
  const { createCleanQueue, JOB_NAME } = await import(`${dist}/queue/clean-queue.js`);
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers, log, withProducer: false });
  const queue = createCleanQueue(redisUrl, { prefix: pipeline.prefix, attempts: config.attempts, backoffMs: config.backoffMs }, 'bench');
  try {
    log(`drain ${label}: putting ${n} files into the raw store…`);
    const raw = new FsRawStore(join(pipeline.dataDir, 'raw'));
    const receivedAt = new Date().toISOString();
    const jobs = [];
    for (let i = 0; i < n; i++) {
      const content = `${pool[i % pool.length].trimEnd()}\n\nReference ${label}-drain-${i}.\n`;
      const key = sha256(content);
      const path = raw.pathOf(key);
      mkdirSync(dirname(path), { recursive: true });
      // Setup, not the measured path: no fsync needed.
      writeFileSync(path, content);
      jobs.push({ name: JOB_NAME, data: { rawKey: key, name: `drain-${i}.txt`, bytes: Buffer.byteLength(content), receivedAt }, opts: { jobId: key } });
    }
    const cpuBefore = await cpuSnapshot(pipeline, redis);
    const started = Date.now();
    for (let i = 0; i < n; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    const { count, complete } = await waitForOutputs(pipeline, n, { log, budgetMs });
    const cpu = cpuPerFile(cpuBefore, await cpuSnapshot(pipeline, redis), count);
    const entries = await pipeline.entries();
    const end = complete ? Math.max(...entries.map((e) => e.ms)) : Date.now();
    const perSecond = count / ((end - started) / 1000);
    log(`drain ${label}: ${Math.round(perSecond)} jobs/s${complete ? '' : ' (partial)'}; CPU ms/job workers ${cpu.workers}, Redis ${cpu.redis}`);
    return { perSecond, complete, outputs: count, cpu };
  } finally {
    await queue.close();
    await pipeline.close();
  }
}
