// Section "memory": an inbox already holding M files (100,000; --quick 10,000) when the
// producer starts, drained by the default worker count. The producer's and workers'
// resident memory is sampled from /proc while it drains; peak = the kernel's VmHWM.
// Flat means the RSS at the end is not much above the RSS at 10% of the outputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFiles } from '../lib/inputs.mjs';
import { round } from '../lib/measure.mjs';
import { memorySampler, openPipeline, waitForOutputs } from '../lib/pipeline-run.mjs';

const TARGET_PEAK_MB = 300;
/** RSS at 100% above RSS at 10% by more than this share (and 20 MB) counts as growing. */
const GROWTH_TOLERANCE = 0.25;

export async function memorySection(ctx, { files, budgetMs }) {
  const { root, redis, redisUrl, keyPrefix, pool, log, config } = ctx;
  const out = { result: {}, rows: [], targets: [] };
  const dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  log(`memory: writing ${files} files into the inbox before the pipeline starts…`);
  writeGeneratedFiles(join(dataDir, 'inbox'), files, pool, 'mem');
  const started = Date.now();
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers: config.workers, log, dataDir });
  try {
    const memory = memorySampler(pipeline);
    if (!memory.enabled) {
      log('memory: skipped, /proc is not readable here');
      return out;
    }
    memory.sample(0);
    const { count, complete } = await waitForOutputs(pipeline, files, { onTick: (done) => memory.sample(done), pollMs: 250, log, budgetMs });
    memory.sample(count);
    const seconds = (Date.now() - started) / 1000;
    // Progress shares are of the outputs reached, should the time budget end the run early.
    const at = (share) => memory.atShare(share, count);
    const [p10, p50, p100] = [at(0.1), at(0.5), at(1)];
    const grows = (role) => p100[role] - p10[role] > Math.max(20, GROWTH_TOLERANCE * p10[role]);
    const peak = Math.max(memory.peak.producer, memory.peak.worker);
    Object.assign(out.result, {
      memory_files: files,
      memory_outputs: count,
      memory_complete: complete,
      memory_drain_files_per_s: round(count / seconds, 0),
      peak_rss_mb: round(peak, 0),
      peak_rss_producer_mb: round(memory.peak.producer, 0),
      peak_rss_worker_mb: round(memory.peak.worker, 0),
      rss_producer_mb_at: { '10%': round(p10.producerMb, 0), '50%': round(p50.producerMb, 0), '100%': round(p100.producerMb, 0) },
      rss_worker_mb_at: { '10%': round(p10.workerMb, 0), '50%': round(p50.workerMb, 0), '100%': round(p100.workerMb, 0) },
      memory_flat: !grows('producerMb') && !grows('workerMb'),
    });
    const fmt = (o) => `${o['10%']} / ${o['50%']} / ${o['100%']} MB`;
    out.rows.push(
      [
        complete ? `memory: ${files}-file inbox drained` : `memory: ${files}-file inbox, PARTIAL ${count} drained in the budget`,
        `${out.result.memory_drain_files_per_s} files/s`,
        `peak ${out.result.peak_rss_mb} MB`,
        out.result.memory_flat ? 'flat' : 'GROWS',
      ],
      ['  producer RSS at 10% / 50% / 100%', fmt(out.result.rss_producer_mb_at), `peak ${out.result.peak_rss_producer_mb} MB`, grows('producerMb') ? 'grows' : 'flat'],
      ['  worker RSS at 10% / 50% / 100% (largest)', fmt(out.result.rss_worker_mb_at), `peak ${out.result.peak_rss_worker_mb} MB`, grows('workerMb') ? 'grows' : 'flat'],
    );
    out.targets.push({ what: `peak RSS < 300 MB at ${files.toLocaleString('en')} files`, value: `${out.result.peak_rss_mb} MB`, pass: peak < TARGET_PEAK_MB });
    return out;
  } finally {
    await pipeline.close();
  }
}
