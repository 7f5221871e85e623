// Sections "e2e" and "scale": N generated text files dropped into the inbox of a running
// pipeline (producer + K worker processes) until N outputs are on the records stream,
// next to the no-op queue ceiling with the same K measured just before, in the same run.
// Latency is drop → record written (the stream entry's id is Redis's ms timestamp of the
// XADD, which follows the record's durable write), once for the burst and once for files
// dropped steadily at half the burst's throughput (the latency of a stream, not a backlog).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFiles } from '../lib/inputs.mjs';
import { round } from '../lib/measure.mjs';
import { noopCeiling } from '../lib/noop-ceiling.mjs';
import { workerDrain } from '../lib/worker-drain.mjs';
import { cpuPerFile, cpuSnapshot, dropAll, dropPaced, latencies, memorySampler, openPipeline, waitForOutputs } from '../lib/pipeline-run.mjs';

const TARGET_SHARE_OF_CEILING = 0.5;

/**
 * One burst run with K workers (and its paced latency run when `paced` is set). A run that
 * has not drained within `budgetMs` is measured on the outputs it reached (partial: true).
 */
export async function e2eRun(ctx, { workers, n, paced, label, budgetMs }) {
  const { root, redis, redisUrl, keyPrefix, pool, log } = ctx;
  const noop = await noopCeiling({ ...ctx, workers, n });
  log(`noop: ${Math.round(noop.perSecond)} jobs/s with ${workers} process(es)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  const staging = join(dataDir, 'staging');
  log(`e2e ${label}: writing ${n} text files…`);
  const files = writeGeneratedFiles(staging, n, pool, `${label}-burst`);
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers, log, dataDir });
  try {
    const memory = memorySampler(pipeline);
    log(`e2e ${label}: dropping ${n} files into the inbox…`);
    const cpuBefore = await cpuSnapshot(pipeline, redis);
    const drops = dropAll(staging, pipeline.inbox, files);
    const firstDrop = Math.min(...drops.values());
    const { count, complete } = await waitForOutputs(pipeline, n, { onTick: (done) => memory.sample(done), log, budgetMs });
    const cpu = cpuPerFile(cpuBefore, await cpuSnapshot(pipeline, redis), count);
    const entries = await pipeline.entries();
    const burst = latencies(entries, drops);
    const lastWritten = complete ? Math.max(...entries.map((e) => e.ms)) : Date.now();
    const perSecond = count / ((lastWritten - firstDrop) / 1000);
    log(`e2e ${label}: ${Math.round(perSecond)} files/s${complete ? '' : ' (partial)'}, burst p50 ${burst.p50} ms, p99 ${burst.p99} ms; CPU ms/file producer ${cpu.producer}, workers ${cpu.workers}, Redis ${cpu.redis}`);
    const run = { workers, n, outputs: count, complete, perSecond, noopPerSecond: noop.perSecond, noopCpu: noop.cpu, burst, cpu, peak: memory.peak, paced: null };
    if (paced && complete) {
      const rate = Math.max(20, Math.round(perSecond / 2));
      const pacedCount = Math.max(Math.min(200, n), Math.round(rate * paced.seconds));
      const pacedFiles = writeGeneratedFiles(staging, pacedCount, pool, `${label}-paced`);
      log(`e2e ${label}: ${pacedCount} files dropped steadily at ${rate}/s (half the burst's rate) for latency…`);
      const lastId = entries.at(-1).id;
      const pacedDrops = await dropPaced(staging, pipeline.inbox, pacedFiles, rate);
      await waitForOutputs(pipeline, n + pacedCount, { onTick: (done) => memory.sample(done), budgetMs });
      run.paced = { rate, ...latencies(await pipeline.entries(lastId), pacedDrops) };
      log(`e2e ${label}: paced p50 ${run.paced.p50} ms, p99 ${run.paced.p99} ms`);
    }
    return run;
  } finally {
    await pipeline.close();
  }
}

/** Sections e2e and scale; the default worker count (one per core) is shared by both. */
export async function pipelineSections(ctx, { e2e, scale, n, pacedSeconds, budgetMs }) {
  const out = { result: {}, rows: [], targets: [] };
  const defaultWorkers = ctx.config.workers;
  const counts = scale ? [...new Set([1, defaultWorkers, Math.max(2, defaultWorkers)])] : [defaultWorkers];
  const runs = {};
  for (const workers of counts) {
    const isMain = e2e && workers === defaultWorkers;
    runs[workers] = await e2eRun(ctx, { workers, n, paced: isMain && pacedSeconds > 0 ? { seconds: pacedSeconds } : null, label: `w${workers}`, budgetMs });
  }
  if (e2e) {
    const main = runs[defaultWorkers];
    const drain = await workerDrain(ctx, { workers: defaultWorkers, n, label: `w${defaultWorkers}`, budgetMs });
    const share = main.perSecond / main.noopPerSecond;
    Object.assign(out.result, {
      e2e_files: n,
      e2e_workers: defaultWorkers,
      e2e_files_per_s: round(main.perSecond, 0),
      noop_ceiling_per_s: round(main.noopPerSecond, 0),
      e2e_vs_noop: round(share, 3),
      e2e_p50_ms: main.paced?.p50 ?? null,
      e2e_p99_ms: main.paced?.p99 ?? null,
      e2e_paced_files_per_s: main.paced?.rate ?? null,
      e2e_burst_p50_ms: main.burst.p50,
      e2e_burst_p99_ms: main.burst.p99,
      e2e_outputs: main.burst.statuses,
      e2e_peak_rss_mb: { producer: round(main.peak.producer, 0), worker: round(main.peak.worker, 0) },
      e2e_cpu_ms_per_file: main.cpu,
      noop_cpu_ms_per_job: main.noopCpu,
      e2e_complete: main.complete,
      workers_drain_per_s: round(drain.perSecond, 0),
      workers_drain_vs_noop: round(drain.perSecond / main.noopPerSecond, 3),
      workers_drain_cpu_ms_per_job: drain.cpu.workers,
    });
    out.rows.push(
      [`end-to-end, ${n} files, ${defaultWorkers} workers`, `${out.result.e2e_files_per_s} files/s`, `${(share * 100).toFixed(1)}% of ceiling`, `${statusText(main.burst.statuses)}${main.complete ? '' : ` — PARTIAL: ${main.outputs}/${n} within the time budget`}`],
      [`BullMQ no-op ceiling, ${defaultWorkers} processes`, `${out.result.noop_ceiling_per_s} jobs/s`, '', ''],
      [`scour workers alone on ${n} queued jobs`, `${out.result.workers_drain_per_s} jobs/s`, `${(out.result.workers_drain_vs_noop * 100).toFixed(1)}% of ceiling`, drain.complete ? '' : `PARTIAL: ${drain.outputs}/${n}`],
      [`latency at ${out.result.e2e_paced_files_per_s} files/s (half load)`, `p50 ${out.result.e2e_p50_ms} ms`, `p99 ${out.result.e2e_p99_ms} ms`, ''],
      [`latency in the ${n}-file burst`, `p50 ${out.result.e2e_burst_p50_ms} ms`, `p99 ${out.result.e2e_burst_p99_ms} ms`, ''],
      ['CPU per file: producer / workers / Redis', `${main.cpu.producer} / ${main.cpu.workers} / ${main.cpu.redis} ms`, `kernel part: producer ${main.cpu.producerSys}, workers ${main.cpu.workersSys} ms`, ''],
      ['CPU per no-op job: workers / Redis', `${main.noopCpu.workers} / ${main.noopCpu.redis} ms`, cpuBound(main), ''],
      ['peak RSS during the run', `producer ${out.result.e2e_peak_rss_mb.producer} MB`, `worker ${out.result.e2e_peak_rss_mb.worker} MB`, ''],
    );
    out.targets.push({ what: 'end-to-end ≥ 50% of the no-op ceiling', value: `${(share * 100).toFixed(1)}%`, pass: share >= TARGET_SHARE_OF_CEILING });
  }
  if (scale) {
    out.result.scale = {};
    for (const workers of Object.keys(runs).map(Number)) {
      const r = runs[workers];
      out.result.scale[workers] = { files_per_s: round(r.perSecond, 0), noop_per_s: round(r.noopPerSecond, 0), burst_p99_ms: r.burst.p99, cpu_ms_per_file: r.cpu, complete: r.complete };
      out.rows.push([`scale-out: ${workers} worker process(es), ${n} files`, `${round(r.perSecond, 0)} files/s`, `ceiling ${round(r.noopPerSecond, 0)} jobs/s`, r.complete ? '' : `PARTIAL: ${r.outputs}/${n}`]);
    }
    const one = runs[1];
    const two = runs[Math.max(2, defaultWorkers)];
    if (one && two && two !== one) {
      out.result.scale_speedup = round(two.perSecond / one.perSecond, 2);
      out.rows.push([`scale-out speed-up ${two.workers} vs 1 worker`, `${out.result.scale_speedup}×`, '', '']);
    }
  }
  return out;
}

/**
 * Where both runs are CPU-bound their ratio cannot beat the ratio of their CPU per item: says
 * what that bound is, so a missed target can be read as "the queue" or "the work".
 */
function cpuBound(run) {
  const e2e = run.cpu.producer + run.cpu.workers + run.cpu.redis;
  const noop = run.noopCpu.workers + run.noopCpu.redis;
  if (!(e2e > 0 && noop > 0)) return '';
  return `a file costs ${(e2e / noop).toFixed(1)}× a no-op job's CPU`;
}

const statusText = (statuses) => Object.entries(statuses).map(([k, v]) => `${v} ${k}`).join(', ');
