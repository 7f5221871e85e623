#!/usr/bin/env node
// npm run bench [-- --quick] [-- --json] [-- --only=clean,growth,profile,watcher,e2e,scale,memory,plumbing,stories]
//   --files=N          end-to-end files per run (default 20,000; --quick 2,000)
//   --memory-files=N   inbox size for the memory run (default 100,000; --quick 10,000)
//   --watcher-files=N  the watcher alone, on N and 5×N files (default 4,000; --quick 2,000)
//   --eval=DIR         eval sets (default ../shared/eval beside the project)
//   --redis=URL        Redis for the pipeline sections (default redis://127.0.0.1:6379)
//   --key-prefix=P     start of every Redis prefix the bench uses (default bench): P-<id>:*
//                      (and of the PostgreSQL schemas of the e2e rounds on PostgreSQL, dropped after)
//   --pg=URL           PostgreSQL for the e2e rounds on the PostgreSQL stores (default
//                      postgres://postgres@127.0.0.1:5432/test; none = file stores only);
//                      skipped with a line when it does not answer
//   --e2e-rounds=N     e2e rounds per store driver, alternating file / PostgreSQL (default 3)
//   --budget-s=S       time limit per pipeline run (default 900; --quick 180); beyond it the
//                      run is measured on the outputs it reached and marked PARTIAL
//   --paced-s=S        seconds of steady drops at half the burst's rate, for latency
//                      (default 10; --quick 4; 0 = none)
// A table on stdout, progress on stderr; with --json one JSON object on the last line.
// Each figure is measured in the same run as its baseline (the machine is shared and
// noisy), so read the ratios. Sections whose inputs are absent are skipped with a message.
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textPool } from './lib/inputs.mjs';
import { connectOrNull } from './lib/redis.mjs';
import { formatReport } from './lib/report.mjs';

const SECTIONS = ['clean', 'growth', 'profile', 'watcher', 'e2e', 'scale', 'memory', 'plumbing', 'stories'];
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const only = flag('only')?.split(',').map((s) => s.trim());
const unknown = only?.filter((s) => !SECTIONS.includes(s)) ?? [];
if (unknown.length) {
  process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const wants = (section) => !only || only.includes(section);
const sharedDir = join(root, '..', 'shared');
const evalDir = flag('eval') ?? join(sharedDir, 'eval');
const redisUrl = flag('redis') ?? 'redis://127.0.0.1:6379';
const keyPrefix = flag('key-prefix') ?? 'bench';
const e2eFiles = Number(flag('files') ?? (quick ? 2000 : 20000));
const memoryFiles = Number(flag('memory-files') ?? (quick ? 10000 : 100000));
const watcherFiles = Number(flag('watcher-files') ?? (quick ? 2000 : 4000));
// A pipeline run that has not drained by then is measured on what it reached, marked partial.
const budgetMs = Number(flag('budget-s') ?? (quick ? 180 : 900)) * 1000;
const pacedSeconds = Number(flag('paced-s') ?? (quick ? 4 : 10));
const pgUrl = flag('pg') ?? 'postgres://postgres@127.0.0.1:5432/test';
const e2eRounds = Math.max(1, Number(flag('e2e-rounds') ?? 3));
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

const { loadConfig } = await import(`${dist}/config.js`);
// The pipeline's own defaults (and any SCOUR_* settings it would read), so the no-op
// baseline runs with the same worker count, concurrency and lock as the pipeline.
const config = loadConfig({});
const report = {
  result: { machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version }, quick },
  rows: [],
  targets: [],
  skipped: [],
};
const merge = (part) => {
  Object.assign(report.result, part.result);
  report.rows.push(...part.rows);
  report.targets.push(...part.targets);
  report.skipped.push(...(part.skipped ?? []));
};
const skip = (section, why) => {
  log(`${section}: skipped, ${why}`);
  report.skipped.push(`${section}: ${why}`);
};
async function section(name, run) {
  const started = Date.now();
  try {
    merge(await run());
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    skip(name, `failed: ${err.message}`);
  }
}

if (wants('clean')) {
  const { cleanSpeed } = await import('./sections/clean-speed.mjs');
  await section('clean', () => cleanSpeed({ dist, evalDir, quick, log }));
}
if (wants('growth')) {
  const { cleanGrowth } = await import('./sections/clean-growth.mjs');
  await section('growth', () => cleanGrowth({ dist, log }));
}
if (wants('profile')) {
  const { profile } = await import('./sections/profile.mjs');
  await section('profile', () => profile({ dist, evalDir, quick, log }));
}

if (wants('watcher')) {
  const pool = textPool(root, sharedDir);
  const { watcherSection } = await import('./sections/watcher.mjs');
  if (pool.length === 0) skip('watcher', 'no text dumps to build inbox files from');
  else await section('watcher', () => watcherSection({ dist, pool, config, n: watcherFiles, log }));
}

const pipelineWanted = ['e2e', 'scale', 'memory', 'plumbing'].filter(wants);
if (pipelineWanted.length) {
  const redis = await connectOrNull(redisUrl);
  const pool = textPool(root, sharedDir);
  if (!redis) for (const s of pipelineWanted) skip(s, `no Redis answers at ${redisUrl}`);
  else if (pool.length === 0) for (const s of pipelineWanted) skip(s, 'no text dumps to build inbox files from');
  else {
    const ctx = { root, dist, evalDir, redis, redisUrl, keyPrefix, config, pool, log };
    if (wants('e2e') || wants('scale')) {
      const { pipelineSections } = await import('./sections/pipeline.mjs');
      if (wants('e2e') && pgUrl !== 'none') {
        const { connectPgOrNull } = await import('./lib/postgres.mjs');
        ctx.pg = await connectPgOrNull(pgUrl);
        if (!ctx.pg.client) log(`e2e: PostgreSQL rounds skipped, ${ctx.pg.why}`);
        else if (!ctx.pg.postmasterPid) log('e2e: the PostgreSQL server\'s processes are not in this machine\'s /proc: its CPU is not measured');
      }
      try {
        await section(wants('e2e') ? 'e2e' : 'scale', () => pipelineSections(ctx, { e2e: wants('e2e'), scale: wants('scale'), n: e2eFiles, pacedSeconds, budgetMs, rounds: e2eRounds }));
      } finally {
        await ctx.pg?.client?.end().catch(() => undefined);
        ctx.pg = null;
      }
    }
    if (wants('plumbing')) {
      const { plumbingProfile } = await import('./sections/plumbing-profile.mjs');
      await section('plumbing', () => plumbingProfile(ctx, { n: e2eFiles, budgetMs }));
    }
    if (wants('memory')) {
      const { memorySection } = await import('./sections/memory.mjs');
      await section('memory', () => memorySection(ctx, { files: memoryFiles, budgetMs }));
    }
    redis.disconnect();
  }
}

if (wants('stories')) {
  const redis = await connectOrNull(redisUrl);
  if (!redis) skip('stories', `no Redis answers at ${redisUrl}`);
  else {
    const { storiesSection } = await import('./sections/stories.mjs');
    await section('stories', () => storiesSection({ dist, evalDir, redis, keyPrefix, quick, log }));
    redis.disconnect();
  }
}

for (const key of ['clean_html_pages_per_s', 'readability_pages_per_s', 'clean_text_docs_per_s', 'e2e_files_per_s', 'e2e_pg_files_per_s', 'noop_ceiling_per_s', 'e2e_p99_ms', 'peak_rss_mb']) {
  report.result[key] ??= null;
}
report.result.targets = Object.fromEntries(report.targets.map((t) => [t.what, t.pass ? 'PASS' : 'MISS']));
report.result.skipped = report.skipped;
process.stdout.write(formatReport(report, { date: new Date().toISOString().slice(0, 10) }));
if (asJson) process.stdout.write(`${JSON.stringify(report.result)}\n`);
