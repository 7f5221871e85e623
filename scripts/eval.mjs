#!/usr/bin/env node
// `npm run eval`: runs the built cleaner over every set in ../shared/eval (or $SCOUR_EVAL_DIR)
// and prints the shared scorer's report per set and input form (text/, html/).
// Predictions land in .eval-out/<set>/<form>/<id>.json as {body, title, date, byline}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean } from '../dist/clean/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The one place outside src/schemas/config.ts that reads the environment: a dev script's option.
const evalDir = resolve(repo, process.env.SCOUR_EVAL_DIR ?? '../shared/eval');
const outRoot = join(repo, '.eval-out');
const FORMS = [
  { form: 'text', suffix: /\.txt$/ },
  { form: 'html', suffix: /\.html?(?:\.gz)?$/ },
];
const PROCESSED_AT = '2000-01-01T00:00:00.000Z';

if (!existsSync(join(evalDir, 'score.mjs'))) {
  console.log(`eval: skipped — no evaluation sets at ${evalDir} (set SCOUR_EVAL_DIR to a folder holding score.mjs and <set>/{text,html,truth})`);
  process.exit(0);
}

const sets = readdirSync(evalDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(evalDir, d.name, 'truth')))
  .map((d) => d.name)
  .sort();

function predictionOf(result) {
  if (!result.ok) return { body: '', title: null, date: null, byline: null };
  const { body, title, date, byline } = result.record;
  return { body, title, date, byline };
}

for (const set of sets) {
  const setDir = join(evalDir, set);
  for (const { form, suffix } of FORMS) {
    const inputDir = join(setDir, form);
    if (!existsSync(inputDir)) continue;
    const files = readdirSync(inputDir).filter((f) => suffix.test(f)).sort();
    if (files.length === 0) continue;
    const predDir = join(outRoot, set, form);
    rmSync(predDir, { recursive: true, force: true });
    mkdirSync(predDir, { recursive: true });
    const reasons = {};
    let cleanMs = 0;
    for (const [i, file] of files.entries()) {
      const id = file.replace(suffix, '');
      const truthPath = join(setDir, 'truth', `${id}.json`);
      const url = existsSync(truthPath) ? (JSON.parse(readFileSync(truthPath, 'utf8')).url ?? null) : null;
      const bytes = readFileSync(join(inputDir, file));
      const started = performance.now();
      // The URL is what a crawler knows about a page; the text form has none to offer.
      const result = clean({ bytes, name: file, receivedAt: PROCESSED_AT, url: form === 'html' ? url : null }, { processedAt: PROCESSED_AT });
      cleanMs += performance.now() - started;
      if (!result.ok) reasons[result.reason] = (reasons[result.reason] ?? 0) + 1;
      writeFileSync(join(predDir, `${id}.json`), JSON.stringify(predictionOf(result)));
      if (process.stderr.isTTY && (i + 1) % 50 === 0) process.stderr.write(`\r  ${set}/${form}: ${i + 1}/${files.length}`);
    }
    if (process.stderr.isTTY) process.stderr.write('\r');
    const rate = Math.round(files.length / (cleanMs / 1000));
    const rejected = Object.entries(reasons).map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
    console.log(`\n=== ${set} / ${form}: ${files.length} files, ${rate} docs/s in clean(), rejected: ${rejected}`);
    const scored = spawnSync(process.execPath, [join(evalDir, 'score.mjs'), setDir, predDir, ...process.argv.slice(2)], { encoding: 'utf8' });
    process.stdout.write(scored.stdout);
    if (scored.status !== 0) process.stdout.write(`scorer failed (exit ${scored.status}): ${scored.stderr}`);
  }
}
