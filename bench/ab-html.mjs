#!/usr/bin/env node
// Issue 18 target 2, per build: the scrapinghub HTML pages through a running pipeline against
// `scour clean --out` on the same pages in as many processes, in alternating rounds of one
// run, for two builds (A and B, order alternated each round). Beside each pipeline run, the
// CPU its roles spent (producer, worker processes, Redis), and `scour clean`'s own CPU.
//   node bench/ab-html.mjs --a=ROOT_A --b=ROOT_B [--rounds=4] [--workers=2] [--redis=URL]
// Prints per round each build's pipeline / offline files/s and ratio, and the CPU ms per page
// of each role; medians of B/A at the end. With A = B it measures one build's spread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlPages } from './lib/inputs.mjs';
import { median, round } from './lib/measure.mjs';
import { connectOrNull } from './lib/redis.mjs';
import { offlineRun, pipelineRun, stagePages } from './sections/pipeline-html.mjs';
import { abArgs } from './lib/ab-args.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const { flag, roots } = abArgs(args, here);
const rounds = Number(flag('rounds') ?? 4);
const workers = Number(flag('workers') ?? 2);
const redisUrl = flag('redis') ?? 'redis://127.0.0.1:6379';
const evalDir = flag('eval') ?? join(here, '..', 'shared', 'eval');
const log = (msg) => process.stderr.write(`ab-html: ${msg}\n`);

const redis = await connectOrNull(redisUrl);
if (!redis) throw new Error(`no Redis at ${redisUrl}`);
const pages = htmlPages(evalDir);
if (!pages?.length) throw new Error(`no pages under ${evalDir}/scrapinghub/html`);
const runs = [];
for (let r = 1; r <= rounds; r++) {
  for (const build of r % 2 ? ['A', 'B'] : ['B', 'A']) {
    const root = roots[build];
    const ctx = { root, redis, redisUrl, keyPrefix: 'abh', log };
    const staging = mkdtempSync(join(tmpdir(), 'scour-ab-html-'));
    try {
      const files = stagePages(staging, pages, `abh-${build}${r}`, workers);
      const offline = await offlineRun(root, staging, workers, files.length);
      const run = await pipelineRun(ctx, staging, files, workers, 600_000);
      const cpu = run.cpu;
      runs.push({ build, round: r, offline: round(offline.perSecond, 1), e2e: round(run.perSecond, 1), ratio: round(run.perSecond / offline.perSecond, 3), offlineCpu: offline.cpuMs, ...cpu });
      log(`${build} r${r}: pipeline ${runs.at(-1).e2e} / offline ${runs.at(-1).offline} files/s = ${runs.at(-1).ratio}; CPU ms/page producer ${cpu.producer}, workers ${cpu.workers}, Redis ${cpu.redis}; scour clean ${offline.cpuMs}`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
}
const fields = ['ratio', 'e2e', 'offline', 'producer', 'workers', 'redis', 'offlineCpu'];
console.log(`round\t${fields.map((f) => `${f} A/B`).join('\t')}`);
const ratios = Object.fromEntries(fields.map((f) => [f, []]));
for (let r = 1; r <= rounds; r++) {
  const a = runs.find((x) => x.round === r && x.build === 'A');
  const b = runs.find((x) => x.round === r && x.build === 'B');
  for (const f of fields) ratios[f].push(b[f] / a[f]);
  console.log(`${r}${r % 2 ? ' (A first)' : ' (B first)'}\t${fields.map((f) => `${a[f]} / ${b[f]}`).join('\t')}`);
}
console.log(`median A\t${fields.map((f) => round(median(runs.filter((x) => x.build === 'A').map((x) => x[f])), 3)).join('\t')}`);
console.log(`median B\t${fields.map((f) => round(median(runs.filter((x) => x.build === 'B').map((x) => x[f])), 3)).join('\t')}`);
console.log(`median B/A\t${fields.map((f) => round(median(ratios[f]), 3)).join('\t')}`);
console.log(JSON.stringify({ roots, workers, runs }));
redis.disconnect();
