// Sections "e2e" and "scale": N generated text files dropped into the inbox of a running
// pipeline (producer + K worker processes) until N outputs are on the records stream,
// next to the no-op queue ceiling with the same K measured just before, in the same run.
// Latency is drop → record written (the stream entry's id is Redis's ms timestamp of the
// XADD, which follows the record's durable write), once for the burst and once for files
// dropped steadily at half the burst's throughput (the latency of a stream, not a backlog).
// Section "e2e" runs in alternating rounds on the file stores and on the PostgreSQL stores
// (the same inputs; the PostgreSQL rounds skipped with a line when no server answers), and
// reports each driver's median and min over its rounds and their ratio within this run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanCpuPerFile } from '../lib/clean-cpu.mjs';
import { storeFloorPerFile } from '../lib/store-floor.mjs';
import { writeGeneratedFiles } from '../lib/inputs.mjs';
import { median, round } from '../lib/measure.mjs';
import { noopCeiling } from '../lib/noop-ceiling.mjs';
import { workerDrain } from '../lib/worker-drain.mjs';
import { cpuPerFile, cpuSnapshot, dropAll, dropPaced, latencies, memorySampler, openPipeline, waitForOutputs } from '../lib/pipeline-run.mjs';
import { pgWhere } from '../lib/postgres.mjs';
import { htmlPipelineSection } from './pipeline-html.mjs';

const TARGET_CPU_VS_CLEAN = 3;
/**
 * Files each worker process cleans before a run is measured. clean() alone, the baseline, is
 * timed after a warm-up pass of 200 files (bench/lib/clean-cpu.mjs); fresh processes measured
 * cold spent their first files in V8's interpreter and compilers (clean() alone: ~2.5 ms per
 * file over the first 250 files, 0.6-1 ms after), which is start-up, not a file's cost.
 */
export const WARMUP_FILES_PER_WORKER = 200;

/**
 * One burst run with K workers (and its paced latency run when `paced` is set). A run that
 * has not drained within `budgetMs` is measured on the outputs it reached (partial: true).
 * store 'postgres' runs on the PostgreSQL stores of ctx.pg; noop: false skips the no-op
 * ceiling, floor: false the store-call floor (store-floor.mjs); `inputs` names the generated
 * files (the same name, the same files). ctx.pg, when connected, also has the PostgreSQL
 * server's CPU read on the file stores' runs.
 * `warmup` files (default WARMUP_FILES_PER_WORKER per worker process) go through the
 * pipeline first, uncounted: the measured files meet warm processes, as clean() alone does.
 */
export async function e2eRun(ctx, { workers, n, paced, label, budgetMs, store = 'file', noop: withNoop = true, floor: withFloor = true, inputs = label, warmup = WARMUP_FILES_PER_WORKER * workers }) {
  const { root, redis, redisUrl, keyPrefix, pool, log } = ctx;
  const pg = ctx.pg?.client ? ctx.pg : null;
  const noop = withNoop ? await noopCeiling({ ...ctx, workers, n }) : null;
  if (noop) log(`noop: ${Math.round(noop.perSecond)} jobs/s with ${workers} process(es)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  const staging = join(dataDir, 'staging');
  log(`e2e ${label}: writing ${n} text files…`);
  const files = writeGeneratedFiles(staging, n, pool, `${inputs}-burst`);
  // The baseline of the same files, in the same run: clean() alone, in a fresh process.
  const cleanCpu = await cleanCpuPerFile(ctx.dist, staging, files);
  // And what the same files' durable file work costs alone (file stores, where it is read).
  const floor = withFloor && store === 'file' ? await storeFloorPerFile(ctx.dist, staging, files) : null;
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers, log, dataDir, pg: store === 'postgres' ? pg : null });
  try {
    if (warmup > 0) {
      const warmFiles = writeGeneratedFiles(staging, warmup, pool, `${inputs}-warmup`);
      log(`e2e ${label}: ${warmup} warm-up files through the pipeline first (not measured)…`);
      dropAll(staging, pipeline.inbox, warmFiles);
      await waitForOutputs(pipeline, warmup, { log, budgetMs });
    }
    const memory = memorySampler(pipeline);
    log(`e2e ${label}: dropping ${n} files into the inbox…`);
    const cpuBefore = await cpuSnapshot(pipeline, redis, pg);
    const drops = dropAll(staging, pipeline.inbox, files);
    const firstDrop = Math.min(...drops.values());
    const waited = await waitForOutputs(pipeline, warmup + n, { onTick: (done) => memory.sample(done - warmup), log, budgetMs });
    const count = waited.count - warmup;
    const complete = waited.complete;
    const cpu = cpuPerFile(cpuBefore, await cpuSnapshot(pipeline, redis, pg), count);
    const entries = await pipeline.entries();
    const burst = latencies(entries, drops);
    // The warm-up's entries (not in drops) are left out.
    const lastWritten = complete ? Math.max(...entries.filter((e) => drops.has(e.fields.get('id'))).map((e) => e.ms)) : Date.now();
    const perSecond = count / ((lastWritten - firstDrop) / 1000);
    const pgCpu = cpu.postgres === undefined ? '' : `, PostgreSQL ${cpu.postgres} (this pipeline's backends ${cpu.postgresPipeline})`;
    log(`e2e ${label}: ${Math.round(perSecond)} files/s${complete ? '' : ' (partial)'}, burst p50 ${burst.p50} ms, p99 ${burst.p99} ms; CPU ms/file producer ${cpu.producer}, workers ${cpu.workers}, Redis ${cpu.redis}${pgCpu}; clean() alone ${cleanCpu}`);
    const run = { store, workers, n, warmup, outputs: count, complete, perSecond, noopPerSecond: noop?.perSecond ?? null, noopCpu: noop?.cpu ?? null, burst, cpu, cleanCpu, floor, peak: memory.peak, paced: null };
    if (paced && complete) {
      const rate = Math.max(20, Math.round(perSecond / 2));
      const pacedCount = Math.max(Math.min(200, n), Math.round(rate * paced.seconds));
      const pacedFiles = writeGeneratedFiles(staging, pacedCount, pool, `${inputs}-paced`);
      log(`e2e ${label}: ${pacedCount} files dropped steadily at ${rate}/s (half the burst's rate) for latency…`);
      const lastId = entries.at(-1).id;
      const pacedDrops = await dropPaced(staging, pipeline.inbox, pacedFiles, rate);
      await waitForOutputs(pipeline, warmup + n + pacedCount, { onTick: (done) => memory.sample(done), budgetMs });
      run.paced = { rate, ...latencies(await pipeline.entries(lastId), pacedDrops) };
      log(`e2e ${label}: paced p50 ${run.paced.p50} ms, p99 ${run.paced.p99} ms`);
    }
    return run;
  } finally {
    await pipeline.close();
  }
}

/**
 * Sections e2e and scale; the default worker count (one per core) is shared by both. e2e runs
 * `rounds` rounds per driver, alternating file, PostgreSQL, file, …; the first file round is
 * the scale section's run with the default worker count when both are asked for.
 */
export async function pipelineSections(ctx, { e2e, scale, n, pacedSeconds, budgetMs, rounds = 1 }) {
  const out = { result: {}, rows: [], targets: [], skipped: [] };
  const defaultWorkers = ctx.config.workers;
  const counts = scale ? [...new Set([1, defaultWorkers, Math.max(2, defaultWorkers)])] : [defaultWorkers];
  const runs = {};
  const pacedFor = (first) => (e2e && first && pacedSeconds > 0 ? { seconds: pacedSeconds } : null);
  const inputs = `w${defaultWorkers}`;
  for (const workers of counts) {
    const isMain = workers === defaultWorkers;
    runs[workers] = await e2eRun(ctx, { workers, n, paced: pacedFor(isMain), label: isMain && e2e ? `w${workers} file r1` : `w${workers}`, budgetMs, inputs: `w${workers}` });
  }
  if (e2e) {
    const pgSkip = ctx.pg?.client ? null : (ctx.pg?.why ?? 'PostgreSQL not asked for (--pg=none)');
    if (pgSkip) out.skipped.push(`e2e on PostgreSQL stores: ${pgSkip}`);
    const fileRuns = [runs[defaultWorkers]];
    const pgRuns = [];
    let pgFailed = null;
    for (let r = 1; r <= rounds; r++) {
      if (r > 1) fileRuns.push(await e2eRun(ctx, { workers: defaultWorkers, n, paced: null, label: `w${defaultWorkers} file r${r}`, budgetMs, inputs }));
      if (pgSkip || pgFailed) continue;
      try {
        pgRuns.push(await e2eRun(ctx, { workers: defaultWorkers, n, paced: pacedFor(r === 1), label: `w${defaultWorkers} pg r${r}`, budgetMs, store: 'postgres', noop: false, inputs }));
      } catch (err) {
        pgFailed = `failed in round ${r}: ${err.message.split('\n')[0]}`;
        ctx.log(`e2e on PostgreSQL stores: ${pgFailed}; the file stores' rounds go on`);
        out.skipped.push(`e2e on PostgreSQL stores: ${pgFailed}`);
      }
    }
    const main = fileRuns[0];
    const html = await htmlPipelineSection(ctx, { workers: defaultWorkers, rounds, budgetMs });
    const drain = await workerDrain(ctx, { workers: defaultWorkers, n, label: `w${defaultWorkers}`, budgetMs });
    const file = summarize(fileRuns);
    const share = median(fileRuns.map((r) => r.perSecond / r.noopPerSecond));
    // Issue 18: a small file's CPU through producer + workers + Redis against clean()'s on the same files.
    const plumbingCpu = (r) => r.cpu.producer + r.cpu.workers + r.cpu.redis;
    const cpuVsClean = median(fileRuns.map((r) => plumbingCpu(r) / r.cleanCpu));
    const ceiling = median(fileRuns.map((r) => r.noopPerSecond));
    Object.assign(out.result, {
      e2e_files: n,
      e2e_workers: defaultWorkers,
      e2e_rounds: fileRuns.length,
      e2e_files_per_s: round(file.perSecond, 0),
      e2e_files_per_s_min: round(file.min, 0),
      e2e_files_per_s_rounds: fileRuns.map((r) => round(r.perSecond, 0)),
      noop_ceiling_per_s: round(ceiling, 0),
      e2e_vs_noop: round(share, 3),
      e2e_p50_ms: main.paced?.p50 ?? null,
      e2e_p99_ms: main.paced?.p99 ?? null,
      e2e_paced_files_per_s: main.paced?.rate ?? null,
      e2e_burst_p50_ms: main.burst.p50,
      e2e_burst_p99_ms: main.burst.p99,
      e2e_outputs: main.burst.statuses,
      e2e_peak_rss_mb: file.peak,
      e2e_cpu_ms_per_file: file.cpu,
      e2e_cpu_ms_per_file_rounds: fileRuns.map((r) => r.cpu),
      e2e_cpu_ms_per_small_file: round(median(fileRuns.map(plumbingCpu)), 3),
      clean_cpu_ms_per_small_file: round(median(fileRuns.map((r) => r.cleanCpu)), 3),
      e2e_cpu_vs_clean: round(cpuVsClean, 2),
      e2e_cpu_vs_clean_rounds: fileRuns.map((r) => round(plumbingCpu(r) / r.cleanCpu, 2)),
      noop_cpu_ms_per_job: main.noopCpu,
      stores_cpu_ms_per_small_file: round(median(fileRuns.map((r) => r.floor.stores)), 3),
      disk_floor_cpu_ms_per_small_file: round(median(fileRuns.map((r) => r.floor.disk)), 3),
      e2e_complete: fileRuns.every((r) => r.complete),
      workers_drain_per_s: round(drain.perSecond, 0),
      workers_drain_vs_noop: round(drain.perSecond / main.noopPerSecond, 3),
      workers_drain_cpu_ms_per_job: drain.cpu.workers,
    });
    Object.assign(out.result, html.result);
    out.rows.push(...html.rows);
    out.targets.push(...html.targets);
    out.skipped.push(...(html.skipped ?? []));
    const pgResult = pgRuns.length ? pgKeys(pgRuns, fileRuns, ctx) : null;
    Object.assign(out.result, pgResult ?? emptyPgKeys(ctx), { e2e_pg_skipped: pgSkip ?? pgFailed });
    const roundsNote = (rs, summary) => (rs.length > 1 ? `median of ${rs.length} rounds, min ${round(summary.min, 0)}` : '1 round');
    out.rows.push(
      [`end-to-end, ${n} files, ${defaultWorkers} workers, file stores`, `${out.result.e2e_files_per_s} files/s`, `${(share * 100).toFixed(1)}% of ceiling`, `${roundsNote(fileRuns, file)}; ${statusText(main.burst.statuses)}${partialText(fileRuns, n)}`],
    );
    if (pgResult) {
      const pg = summarize(pgRuns);
      out.rows.push(
        [`end-to-end, ${n} files, ${defaultWorkers} workers, PostgreSQL stores`, `${pgResult.e2e_pg_files_per_s} files/s`, `${pgResult.e2e_pg_vs_file}× the file stores`, `${roundsNote(pgRuns, pg)}; ${statusText(pgRuns[0].burst.statuses)}${partialText(pgRuns, n)}`],
        [`  files/s by round, file | PostgreSQL`, out.result.e2e_files_per_s_rounds.join(', '), pgResult.e2e_pg_files_per_s_rounds.join(', '), `PostgreSQL/file by round: ${pgResult.e2e_pg_vs_file_rounds.join(', ')}`],
      );
    } else {
      out.rows.push(`end-to-end on PostgreSQL stores: skipped, ${pgSkip ?? pgFailed}`);
    }
    out.rows.push(
      [`BullMQ no-op ceiling, ${defaultWorkers} processes`, `${out.result.noop_ceiling_per_s} jobs/s`, '', ''],
      [`scour workers alone on ${n} queued jobs`, `${out.result.workers_drain_per_s} jobs/s`, `${(out.result.workers_drain_vs_noop * 100).toFixed(1)}% of ceiling`, drain.complete ? '' : `PARTIAL: ${drain.outputs}/${n}`],
      [`latency at ${out.result.e2e_paced_files_per_s} files/s (half load)`, `p50 ${out.result.e2e_p50_ms} ms`, `p99 ${out.result.e2e_p99_ms} ms`, ''],
      [`latency in the ${n}-file burst`, `p50 ${out.result.e2e_burst_p50_ms} ms`, `p99 ${out.result.e2e_burst_p99_ms} ms`, ''],
    );
    if (pgResult) {
      out.rows.push(
        [`latency at ${pgResult.e2e_pg_paced_files_per_s} files/s, PostgreSQL stores`, `p50 ${pgResult.e2e_pg_p50_ms} ms`, `p99 ${pgResult.e2e_pg_p99_ms} ms`, ''],
        [`latency in the ${n}-file burst, PostgreSQL stores`, `p50 ${pgResult.e2e_pg_burst_p50_ms} ms`, `p99 ${pgResult.e2e_pg_burst_p99_ms} ms`, ''],
      );
    }
    out.rows.push(cpuRow('file stores', file.cpu));
    out.rows.push(['CPU per small file: whole pipeline / clean() alone', `${out.result.e2e_cpu_ms_per_small_file} / ${out.result.clean_cpu_ms_per_small_file} ms`, `${out.result.e2e_cpu_vs_clean}×`, `by round: ${out.result.e2e_cpu_vs_clean_rounds.join(', ')}`]);
    // Where target 1's budget goes before any queue, story or log: the same files' store calls
    // alone, and the bare disk floor (read, JSON to a fsynced temp file, rename, remove).
    const clean = out.result.clean_cpu_ms_per_small_file;
    out.rows.push([
      '  same files: store calls alone / disk floor',
      `${out.result.stores_cpu_ms_per_small_file} / ${out.result.disk_floor_cpu_ms_per_small_file} ms`,
      `${round(out.result.stores_cpu_ms_per_small_file / clean, 2)}× / ${round(out.result.disk_floor_cpu_ms_per_small_file / clean, 2)}× clean()`,
      `clean() + store calls + no-op job = ${round((clean + out.result.stores_cpu_ms_per_small_file + main.noopCpu.workers + main.noopCpu.redis) / clean, 2)}× clean()`,
    ]);
    if (pgResult) out.rows.push(cpuRow('PostgreSQL stores', pgResult.e2e_pg_cpu_ms_per_file));
    if (file.cpu.postgres !== undefined || pgResult?.e2e_pg_cpu_ms_per_file.postgres !== undefined) {
      out.rows.push('  (PostgreSQL = the whole server: postmaster, backends, WAL writer, checkpointer, every client\'s; "ours" = the backends of this pipeline\'s processes)');
    }
    out.rows.push(
      ['CPU per no-op job: workers / Redis', `${main.noopCpu.workers} / ${main.noopCpu.redis} ms`, cpuBound(main), ''],
      ['peak RSS during the run', `producer ${out.result.e2e_peak_rss_mb.producer} MB`, `worker ${out.result.e2e_peak_rss_mb.worker} MB`, pgResult ? `PostgreSQL stores: producer ${pgResult.e2e_pg_peak_rss_mb.producer}, worker ${pgResult.e2e_pg_peak_rss_mb.worker} MB` : ''],
    );
    // The share of the no-op ceiling (the end-to-end row) is a figure, not a target: issue 18
    // retired "50% of an empty BullMQ job" (an empty job does no I/O); the targets are against
    // clean() in the same run.
    out.targets.push({ what: 'CPU per small file through the pipeline ≤ 3× clean()\'s', value: `${out.result.e2e_cpu_vs_clean}×`, pass: cpuVsClean <= TARGET_CPU_VS_CLEAN });
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

/** Median and min files/s of a driver's rounds, the median CPU ms/file of each role, the highest peaks. */
function summarize(runs) {
  const rates = runs.map((r) => r.perSecond);
  const cpu = {};
  for (const role of Object.keys(runs[0].cpu)) {
    const values = runs.map((r) => r.cpu[role]).filter((v) => v !== undefined);
    if (values.length) cpu[role] = round(median(values), 2);
  }
  const peak = { producer: round(Math.max(...runs.map((r) => r.peak.producer)), 0), worker: round(Math.max(...runs.map((r) => r.peak.worker)), 0) };
  return { perSecond: median(rates), min: Math.min(...rates), cpu, peak };
}

/** CPU ms per file that a file costs all the processes together (where PostgreSQL's was read, it is in). */
const totalCpu = (cpu) => cpu.producer + cpu.workers + cpu.redis + (cpu.postgres ?? 0);

/** The --json keys of the PostgreSQL rounds, their ratios to the file rounds of the same run. */
function pgKeys(pgRuns, fileRuns, ctx) {
  const pg = summarize(pgRuns);
  const file = summarize(fileRuns);
  const first = pgRuns[0];
  const pairs = pgRuns.map((r, i) => [r, fileRuns[i]]).filter(([, f]) => f);
  return {
    e2e_pg_url: pgWhere(ctx.pg.url),
    e2e_pg_rounds: pgRuns.length,
    e2e_pg_files_per_s: round(pg.perSecond, 0),
    e2e_pg_files_per_s_min: round(pg.min, 0),
    e2e_pg_files_per_s_rounds: pgRuns.map((r) => round(r.perSecond, 0)),
    e2e_pg_vs_file: round(pg.perSecond / file.perSecond, 2),
    e2e_pg_vs_file_rounds: pairs.map(([p, f]) => round(p.perSecond / f.perSecond, 2)),
    e2e_pg_cpu_ms_per_file: pg.cpu,
    e2e_pg_cpu_ms_per_file_rounds: pgRuns.map((r) => r.cpu),
    e2e_pg_cpu_vs_file: round(totalCpu(pg.cpu) / totalCpu(file.cpu), 2),
    e2e_pg_p50_ms: first.paced?.p50 ?? null,
    e2e_pg_p99_ms: first.paced?.p99 ?? null,
    e2e_pg_paced_files_per_s: first.paced?.rate ?? null,
    e2e_pg_burst_p50_ms: first.burst.p50,
    e2e_pg_burst_p99_ms: first.burst.p99,
    e2e_pg_outputs: first.burst.statuses,
    e2e_pg_peak_rss_mb: pg.peak,
    e2e_pg_complete: pgRuns.every((r) => r.complete),
  };
}

/** The same keys as null when no PostgreSQL round ran, so the JSON shape does not depend on the server. */
function emptyPgKeys(ctx) {
  return {
    e2e_pg_url: ctx.pg?.url ? pgWhere(ctx.pg.url) : null,
    e2e_pg_rounds: 0,
    e2e_pg_files_per_s: null,
    e2e_pg_files_per_s_min: null,
    e2e_pg_files_per_s_rounds: [],
    e2e_pg_vs_file: null,
    e2e_pg_vs_file_rounds: [],
    e2e_pg_cpu_ms_per_file: null,
    e2e_pg_cpu_ms_per_file_rounds: [],
    e2e_pg_cpu_vs_file: null,
    e2e_pg_p50_ms: null,
    e2e_pg_p99_ms: null,
    e2e_pg_paced_files_per_s: null,
    e2e_pg_burst_p50_ms: null,
    e2e_pg_burst_p99_ms: null,
    e2e_pg_outputs: null,
    e2e_pg_peak_rss_mb: null,
    e2e_pg_complete: null,
  };
}

/** One table row of CPU ms per file by process, PostgreSQL's server where it was read. */
function cpuRow(stores, cpu) {
  const hasPg = cpu.postgres !== undefined;
  return [
    `CPU per file, ${stores}: producer / workers / Redis${hasPg ? ' / PostgreSQL' : ''}`,
    `${cpu.producer} / ${cpu.workers} / ${cpu.redis}${hasPg ? ` / ${cpu.postgres}` : ''} ms`,
    `total ${round(totalCpu(cpu), 2)} ms`,
    `kernel part: producer ${cpu.producerSys}, workers ${cpu.workersSys}${hasPg ? `, PostgreSQL ${cpu.postgresSys}; ours ${cpu.postgresPipeline} ms` : ' ms'}`,
  ];
}

const partialText = (runs, n) => runs.filter((r) => !r.complete).map((r) => ` — PARTIAL: ${r.outputs}/${n} within the time budget`).join('');

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
