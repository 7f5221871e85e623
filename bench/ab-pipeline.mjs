#!/usr/bin/env node
// Same-run A/B of two builds of scour through the whole pipeline (issue 18): alternating e2e
// runs of build A and build B (order alternated each pair: AB, BA, AB, …), each on the same
// generated small text files, with clean() alone on those files as each run's baseline.
//   node bench/ab-pipeline.mjs --a=ROOT_A --b=ROOT_B [--pairs=4] [--files=1500] [--workers=2]
//     [--warmup=N] [--warmup-a=N] [--warmup-b=N]
// ROOT_* are built checkouts (their dist/ and bin/ are run, by this checkout's bench code, so
// both builds are measured alike). --warmup: files through the pipeline before each run is
// measured (default 200 per worker, see e2eRun); --warmup-a/-b set one build's alone (with
// A = B, that measures the warm-up itself). Prints per pair the CPU ms per file of each role
// and the B/A ratios; the JSON on the last line has every run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textPool } from './lib/inputs.mjs';
import { median, round } from './lib/measure.mjs';
import { connectOrNull } from './lib/redis.mjs';
import { e2eRun, WARMUP_FILES_PER_WORKER } from './sections/pipeline.mjs';
import { abArgs } from './lib/ab-args.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const { flag, roots } = abArgs(args, here);
const pairs = Number(flag('pairs') ?? 4);
const n = Number(flag('files') ?? 1500);
const workers = Number(flag('workers') ?? 2);
const redisUrl = flag('redis') ?? 'redis://127.0.0.1:6379';
const warmupAll = Number(flag('warmup') ?? WARMUP_FILES_PER_WORKER * workers);
const warmups = { A: Number(flag('warmup-a') ?? warmupAll), B: Number(flag('warmup-b') ?? warmupAll) };
const log = (msg) => process.stderr.write(`ab: ${msg}\n`);

const redis = await connectOrNull(redisUrl);
if (!redis) throw new Error(`no Redis at ${redisUrl}`);
const pool = textPool(here, join(here, '..', 'shared'));
const runs = [];
for (let p = 0; p < pairs; p++) {
  const order = p % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
  for (const build of order) {
    const root = roots[build];
    const ctx = { root, dist: join(root, 'dist'), redis, redisUrl, keyPrefix: 'ab', pool, log };
    // A run that fails to start (a worker not ready within 30 s on a loaded machine) is run again.
    let r;
    for (let attempt = 1; !r; attempt++) {
      try {
        r = await e2eRun(ctx, { workers, n, paced: null, label: `${build} pair ${p + 1}`, budgetMs: 600_000, noop: false, floor: false, inputs: `ab${p}`, warmup: warmups[build] });
      } catch (err) {
        if (attempt >= 3) throw err;
        log(`${build} pair ${p + 1} failed (${err.message.split('\n')[0]}); running it again in 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 20_000));
      }
    }
    const total = r.cpu.producer + r.cpu.workers + r.cpu.redis;
    runs.push({ build, pair: p + 1, perSecond: round(r.perSecond, 1), ...r.cpu, cleanCpu: r.cleanCpu, total: round(total, 3), vsClean: round(total / r.cleanCpu, 2), complete: r.complete });
  }
}
const fields = ['producer', 'workers', 'redis', 'total', 'vsClean', 'perSecond', 'cleanCpu'];
console.log(`pair\t${fields.map((f) => `${f} A/B`).join('\t')}`);
const ratios = Object.fromEntries(fields.map((f) => [f, []]));
for (let p = 1; p <= pairs; p++) {
  const a = runs.find((r) => r.pair === p && r.build === 'A');
  const b = runs.find((r) => r.pair === p && r.build === 'B');
  for (const f of fields) ratios[f].push(b[f] / a[f]);
  console.log(`${p}${p % 2 ? ' (A first)' : ' (B first)'}\t${fields.map((f) => `${a[f]} / ${b[f]}`).join('\t')}`);
}
console.log(`median B/A\t${fields.map((f) => round(median(ratios[f]), 3)).join('\t')}`);
console.log(`B/A by pair\t${fields.map((f) => ratios[f].map((x) => round(x, 2)).join(',')).join('\t')}`);
console.log(JSON.stringify({ roots, n, workers, warmups, runs }));
redis.disconnect();
