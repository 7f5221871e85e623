#!/usr/bin/env node
// Same-process A/B of clean() in two builds (issues 15 and 18: "clean() against the previous
// build, in the same run"): both builds are loaded into one process and run over the same eval
// pages in alternating chunks (A then B, then B then A, …), each page timed with
// process.cpuUsage, after one untimed warm-up pass of each build over every page. The machine
// is shared and noisy, so the figure is a ratio of CPU time, read per set and per half of each
// set (a hash of the page name), never an absolute rate.
//   node bench/ab-clean.mjs --a=ROOT_A [--b=ROOT_B] [--rounds=3] [--form=html|text]
//     [--sets=scrapinghub,dates-htmldate,trafilatura-dev] [--eval=DIR] [--chunk=25] [--same] [--isolated]
//     [--reference-date=YYYY-MM-DD]
// ROOT_* are built checkouts (their dist/clean/index.js is loaded); B defaults to this one.
// Prints, per set, B's pages per CPU-second over A's (above 1: B is faster) for each round and
// the median; --same also checks that both builds give byte-identical records on every page
// (for pure speed work) and lists the pages that differ. --json: one JSON object on the last line.
// --isolated: each build runs in a fresh process of its own per round and set (A and B in turn,
// the order alternating), timing a second pass over the set after an untimed first one. In one
// process the builds share a heap, so a change to what survives a GC (one build's garbage
// slowing the other's collections) is understated there; isolated rounds are noisier.
//   (internal) --child=ROOT: one build's timed pass over --sets, printed as JSON.
// --reference-date: clean() with that referenceDate (relative dates are then parsed as well).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { median, round } from './lib/measure.mjs';
import { abArgs } from './lib/ab-args.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const { flag, roots } = abArgs(args, here);
const rounds = Number(flag('rounds') ?? 3);
const form = flag('form') ?? 'html';
const chunk = Number(flag('chunk') ?? 25);
const evalDir = resolve(flag('eval') ?? join(here, '..', 'shared', 'eval'));
const sets = (flag('sets') ?? 'scrapinghub,dates-htmldate,trafilatura-dev').split(',');
const log = (msg) => process.stderr.write(`ab-clean: ${msg}\n`);
const PROCESSED_AT = '2026-11-23T00:00:00.000Z';
const referenceDate = flag('reference-date');

if (!['html', 'text'].includes(form)) throw new Error(`--form must be html or text, not ${form}`);
if (!existsSync(evalDir)) {
  log(`no eval sets at ${evalDir} (--eval=DIR)`);
  process.exit(2);
}

const isolated = args.includes('--isolated');
if (isolated && args.includes('--same')) throw new Error('--same compares both builds in one process: run it without --isolated');
const child = flag('child');
const builds = {};
for (const [name, root] of Object.entries(child ? { child } : isolated ? {} : roots)) {
  const entry = join(root, 'dist', 'clean', 'index.js');
  if (!existsSync(entry)) throw new Error(`${name}: ${entry} is missing (build that checkout first)`);
  builds[name] = (await import(pathToFileURL(entry).href)).clean;
}

/** The pages of one set in the chosen form, read (and gunzipped) up front. */
function pagesOf(set) {
  const dir = join(evalDir, set, form);
  if (!existsSync(dir)) return [];
  const suffix = form === 'html' ? '.html.gz' : '.txt';
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(dir, f));
      const name = f.replace(/\.gz$/, '');
      const half = createHash('sha1').update(name).digest()[0] & 1;
      return { input: { bytes: form === 'html' ? gunzipSync(raw) : raw, name, receivedAt: PROCESSED_AT }, half };
    });
}

const options = referenceDate ? { processedAt: PROCESSED_AT, referenceDate } : { processedAt: PROCESSED_AT };
/** CPU µs of one clean() call. */
function timed(clean, input) {
  const before = process.cpuUsage();
  clean(input, options);
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

if (child) {
  // One build alone: an untimed pass, then CPU µs per half of the set.
  const pages = pagesOf(sets[0]);
  for (const { input } of pages) builds.child(input, options);
  const cpu = [0, 0];
  for (const { input, half } of pages) cpu[half] += timed(builds.child, input);
  console.log(JSON.stringify(cpu));
  process.exit(0);
}

/** One build's CPU µs per half of a set, in a fresh process. */
function isolatedPass(root, set) {
  const argv = [fileURLToPath(import.meta.url), `--child=${root}`, `--sets=${set}`, `--form=${form}`, `--eval=${evalDir}`];
  if (referenceDate) argv.push(`--reference-date=${referenceDate}`);
  return JSON.parse(execFileSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 20 }));
}

/** Round r's CPU µs of each build per half of the set: each build in a fresh process of its own. */
function isolatedRound(r, set) {
  const cpu = {};
  for (const build of r % 2 === 0 ? ['A', 'B'] : ['B', 'A']) cpu[build] = isolatedPass(roots[build], set);
  return cpu;
}

/** Round r's CPU µs of each build per half of the set: both builds here, in alternating chunks of pages. */
function sharedRound(r, pages) {
  const cpu = { A: [0, 0], B: [0, 0] };
  for (let start = 0, c = 0; start < pages.length; start += chunk, c++) {
    const slice = pages.slice(start, start + chunk);
    for (const build of (r + c) % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
      for (const { input, half } of slice) cpu[build][half] += timed(builds[build], input);
    }
  }
  return cpu;
}

const report = {};
for (const set of sets) {
  const pages = pagesOf(set);
  if (!pages.length) {
    log(`${set}: no ${form} pages, left out`);
    continue;
  }
  const differ = [];
  // The untimed warm-up pass of both builds (isolated children make their own), and --same's comparison.
  if (!isolated) {
    for (const { input } of pages) {
      const a = builds.A(input, options);
      const b = builds.B(input, options);
      if (args.includes('--same') && JSON.stringify(a) !== JSON.stringify(b)) differ.push(input.name);
    }
  }
  const perRound = [];
  for (let r = 0; r < rounds; r++) {
    const cpu = isolated ? isolatedRound(r, set) : sharedRound(r, pages);
    const ratio = (h) => (h === undefined ? cpu.A[0] + cpu.A[1] : cpu.A[h]) / (h === undefined ? cpu.B[0] + cpu.B[1] : cpu.B[h]);
    perRound.push({ all: ratio(), half0: ratio(0), half1: ratio(1), msPerPageA: (cpu.A[0] + cpu.A[1]) / 1000 / pages.length, msPerPageB: (cpu.B[0] + cpu.B[1]) / 1000 / pages.length });
    log(`${set} round ${r + 1}/${rounds}: B/A ${round(perRound.at(-1).all, 3)}`);
  }
  const med = (k) => round(median(perRound.map((p) => p[k])), 3);
  report[set] = { pages: pages.length, ratio: med('all'), half0: med('half0'), half1: med('half1'), rounds: perRound.map((p) => round(p.all, 3)), msPerPageA: med('msPerPageA'), msPerPageB: med('msPerPageB') };
  if (args.includes('--same')) report[set].differ = differ;
}

console.log(`clean() on ${form}${referenceDate ? ` (referenceDate ${referenceDate})` : ''}: B (${roots.B}) pages per CPU-second over A (${roots.A}); above 1 = B faster`);
console.log('set                 pages   B/A    half0  half1  rounds               ms/page A   B');
for (const [set, r] of Object.entries(report)) {
  console.log(
    `${set.padEnd(18)} ${String(r.pages).padStart(5)}  ${r.ratio.toFixed(3)}  ${r.half0.toFixed(3)}  ${r.half1.toFixed(3)}  ${r.rounds.map((x) => x.toFixed(3)).join(' ').padEnd(20)} ${r.msPerPageA.toFixed(2).padStart(6)}  ${r.msPerPageB.toFixed(2)}` +
      (r.differ ? `  outputs differ on ${r.differ.length}${r.differ.length ? `: ${r.differ.slice(0, 5).join(', ')}${r.differ.length > 5 ? ', …' : ''}` : ''}` : ''),
  );
}
if (args.includes('--json')) console.log(JSON.stringify({ form, roots, report }));
