// Section "plumbing": where the pipeline's CPU goes on small text files, outside clean().
// One burst of generated small files through producer + K workers (file stores), each process
// run under node --cpu-prof; only the samples taken between the first drop and the last
// record count (V8's profile clock is CLOCK_MONOTONIC, the clock of process.hrtime here), so
// start-up and shutdown are left out, and so is a warm-up (as e2e's, WARMUP_FILES_PER_WORKER
// files per worker process through first). Reported per role: self time by place (a dist/ file, a
// package, a builtin) and by function, as shares of that role's CPU in the window.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from '../lib/cpu-profile.mjs';
import { writeGeneratedFiles } from '../lib/inputs.mjs';
import { round } from '../lib/measure.mjs';
import { cpuPerFile, cpuSnapshot, dropAll, openPipeline, waitForOutputs } from '../lib/pipeline-run.mjs';
import { WARMUP_FILES_PER_WORKER } from './pipeline.mjs';

/** Inclusive shares reported per role: clean() itself, and the story placement after it. */
const WITHIN = [
  { label: 'clean()', functionName: 'clean', place: 'clean/index.js' },
  { label: 'placeRecord()', functionName: 'placeRecord', place: 'stories/place-in-worker.js' },
];

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export async function plumbingProfile(ctx, { n, budgetMs }) {
  const { root, redis, redisUrl, keyPrefix, pool, log, config } = ctx;
  const workers = config.workers;
  const out = { result: {}, rows: [], targets: [] };
  const profDir = mkdtempSync(join(tmpdir(), 'scour-bench-prof-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  const staging = join(dataDir, 'staging');
  const files = writeGeneratedFiles(staging, n, pool, 'prof');
  const warmup = WARMUP_FILES_PER_WORKER * workers;
  const warmFiles = writeGeneratedFiles(staging, warmup, pool, 'prof-warmup');
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profDir}`];
  const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix, workers, log, dataDir, nodeArgs });
  let window;
  let cpu;
  const roles = new Map();
  try {
    roles.set(pipeline.producer.pid, 'producer');
    roles.set(pipeline.worker.pid, workers > 1 ? 'supervisor' : 'worker');
    for (const pid of pipeline.workerPids()) roles.set(pid, 'worker');
    dropAll(staging, pipeline.inbox, warmFiles);
    await waitForOutputs(pipeline, warmup, { log, budgetMs });
    const before = await cpuSnapshot(pipeline, redis);
    const from = nowUs();
    dropAll(staging, pipeline.inbox, files);
    const { count } = await waitForOutputs(pipeline, warmup + n, { log, budgetMs });
    window = [from, nowUs()];
    cpu = cpuPerFile(before, await cpuSnapshot(pipeline, redis), count - warmup);
  } finally {
    await pipeline.close();
  }
  // One profile per thread: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the workers' summed.
  const byRole = new Map();
  for (const name of readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const pid = Number(name.split('.')[3]);
    const role = roles.get(pid) ?? 'other';
    const list = byRole.get(role) ?? [];
    list.push(JSON.parse(readFileSync(join(profDir, name), 'utf8')));
    byRole.set(role, list);
  }
  rmSync(profDir, { recursive: true, force: true });
  out.result.plumbing_files = n;
  out.result.plumbing_cpu_ms_per_file = cpu;
  out.result.plumbing_profile = {};
  out.rows.push([`plumbing profile, ${n} small files, ${workers} workers`, `producer ${cpu.producer} ms/file`, `workers ${cpu.workers} ms/file`, `Redis ${cpu.redis} ms/file`]);
  for (const role of ['producer', 'worker', 'supervisor']) {
    const profiles = byRole.get(role);
    if (!profiles) continue;
    const merged = mergeSummaries(profiles.map((p) => summarize(p, { window, n: 40, within: WITHIN })));
    out.result.plumbing_profile[role] = merged;
    const pct = (h) => `${(h.share * 100).toFixed(1)}%`;
    out.rows.push(`${role}: ${round(merged.totalMs / n, 3)} ms/file sampled${Object.entries(merged.within).map(([l, v]) => `, inside ${l} ${pct({ share: v })}`).join('')}; by place: ${merged.places.slice(0, 8).map((h) => `${h.name} ${pct(h)}`).join(', ')}`);
    for (const h of merged.functions.slice(0, 12)) out.rows.push(`  ${pct(h).padStart(6)}  ${h.name}`);
  }
  return out;
}

/** Several processes' (or threads') summaries of one role as one, shares weighted by their totals. */
function mergeSummaries(summaries) {
  const totalMs = summaries.reduce((sum, s) => sum + s.totalMs, 0);
  const merge = (key) => {
    const ms = new Map();
    for (const s of summaries) for (const h of s[key]) ms.set(h.name, (ms.get(h.name) ?? 0) + h.share * s.totalMs);
    return [...ms].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([name, v]) => ({ name, share: +(v / totalMs).toFixed(3) }));
  };
  const within = {};
  for (const s of summaries) for (const [label, share] of Object.entries(s.within ?? {})) within[label] = (within[label] ?? 0) + share * s.totalMs;
  for (const label of Object.keys(within)) within[label] = totalMs ? +(within[label] / totalMs).toFixed(3) : 0;
  return { totalMs, places: merge('places'), functions: merge('functions'), within };
}
