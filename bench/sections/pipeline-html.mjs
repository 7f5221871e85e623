// Issue 18 item 2: real HTML pages end to end (producer + K workers + Redis + file stores),
// against `scour clean --out` on the same pages with the same number of processes (K
// processes, each on its share of the pages), in alternating rounds of the same run.
// Pipeline files/s: first drop → last record written, the pipeline already running.
// Offline files/s: the K processes' spawn → the last one's exit (Node start-up included, as a
// user running `scour clean` pays it).
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlPages, sha256 } from '../lib/inputs.mjs';
import { median, round } from '../lib/measure.mjs';
import { cpuPerFile, cpuSnapshot, openPipeline, waitForOutputs } from '../lib/pipeline-run.mjs';
import { reapedChildCpuTimesOf, startNode } from '../lib/processes.mjs';

const TARGET_E2E_VS_OFFLINE = 0.9;

/** Writes the pages into `parts` folders under dir (round-robin), each with a unique closing comment; returns [{ name, sha, part }]. */
export function stagePages(dir, pages, label, parts) {
  const files = [];
  for (let p = 0; p < parts; p++) mkdirSync(join(dir, String(p)), { recursive: true });
  pages.forEach((page, i) => {
    const bytes = Buffer.concat([page.bytes, Buffer.from(`\n<!-- ${label}-${i} -->\n`)]);
    const name = `${label}-${String(i).padStart(5, '0')}.html`;
    const part = i % parts;
    writeFileSync(join(dir, String(part), name), bytes);
    files.push({ name, sha: sha256(bytes), part });
  });
  return files;
}

/**
 * `scour clean --out` in `workers` processes at once, one per staged folder; files/s over the
 * wall time, and their CPU ms per file (the bench's reaped children: nothing else ends meanwhile).
 */
export async function offlineRun(root, staging, workers, n) {
  const out = mkdtempSync(join(tmpdir(), 'scour-bench-clean-'));
  try {
    const cpuBefore = reapedChildCpuTimesOf(process.pid);
    const started = Date.now();
    const runs = [];
    for (let p = 0; p < workers; p++) {
      runs.push(startNode(join(root, 'bin', 'scour.js'), ['clean', '--out', join(out, String(p)), join(staging, String(p))], { cwd: root }).exited);
    }
    const codes = await Promise.all(runs);
    const failed = codes.find((c) => c.code !== 0);
    if (failed) throw new Error(`scour clean exited with ${failed.code ?? failed.signal}`);
    const perSecond = n / ((Date.now() - started) / 1000);
    const cpuAfter = reapedChildCpuTimesOf(process.pid);
    const cpuMs = cpuBefore && cpuAfter ? round(((cpuAfter.user + cpuAfter.sys - cpuBefore.user - cpuBefore.sys) * 1000) / n, 2) : null;
    return { perSecond, cpuMs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The pages dropped at once into a running pipeline's inbox; files/s from the first drop to the
 * last record, and each role's CPU ms per page over the same span (see cpuPerFile).
 */
export async function pipelineRun(ctx, staging, files, workers, budgetMs) {
  const { root, redis, redisUrl, keyPrefix, log } = ctx;
  const dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers, log, dataDir });
  try {
    // Renamed into the inbox at once (atomic drops), out of their part folders.
    const cpuBefore = await cpuSnapshot(pipeline, redis, null);
    const firstDrop = Date.now();
    for (const f of files) renameSync(join(staging, String(f.part), f.name), join(pipeline.inbox, f.name));
    const { count, complete } = await waitForOutputs(pipeline, files.length, { log, budgetMs });
    const cpu = cpuPerFile(cpuBefore, await cpuSnapshot(pipeline, redis, null), count);
    const entries = await pipeline.entries();
    const last = complete ? Math.max(...entries.map((e) => e.ms)) : Date.now();
    return { perSecond: count / ((last - firstDrop) / 1000), complete, outputs: count, cpu };
  } finally {
    await pipeline.close();
  }
}

export async function htmlPipelineSection(ctx, { workers, rounds, budgetMs }) {
  const out = { result: {}, rows: [], targets: [] };
  const pages = htmlPages(ctx.evalDir);
  if (!pages?.length) {
    out.skipped = [`e2e on HTML pages: no pages under ${ctx.evalDir}/scrapinghub/html`];
    return out;
  }
  const e2e = [];
  const offline = [];
  for (let r = 1; r <= rounds; r++) {
    const staging = mkdtempSync(join(tmpdir(), 'scour-bench-html-'));
    try {
      const files = stagePages(staging, pages, `html-r${r}`, workers);
      offline.push((await offlineRun(ctx.root, staging, workers, files.length)).perSecond);
      ctx.log(`e2e html r${r}: scour clean ×${workers} ${offline.at(-1).toFixed(1)} files/s on ${files.length} pages`);
      const run = await pipelineRun(ctx, staging, files, workers, budgetMs);
      e2e.push(run.perSecond);
      ctx.log(`e2e html r${r}: pipeline ${run.perSecond.toFixed(1)} files/s${run.complete ? '' : ` (partial, ${run.outputs}/${files.length})`}`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const ratios = e2e.map((v, i) => v / offline[i]);
  const ratio = median(ratios);
  Object.assign(out.result, {
    e2e_html_files: pages.length,
    e2e_html_files_per_s: round(median(e2e), 1),
    offline_html_files_per_s: round(median(offline), 1),
    e2e_html_vs_offline: round(ratio, 2),
    e2e_html_vs_offline_rounds: ratios.map((v) => round(v, 2)),
  });
  out.rows.push([
    `real HTML pages, ${pages.length}, ${workers} processes: pipeline / scour clean`,
    `${out.result.e2e_html_files_per_s} / ${out.result.offline_html_files_per_s} files/s`,
    `${out.result.e2e_html_vs_offline}×`,
    `by round: ${out.result.e2e_html_vs_offline_rounds.join(', ')}`,
  ]);
  out.targets.push({ what: 'HTML pages end to end ≥ 0.9× scour clean, same processes', value: `${out.result.e2e_html_vs_offline}×`, pass: ratio >= TARGET_E2E_VS_OFFLINE });
  return out;
}
