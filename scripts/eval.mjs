#!/usr/bin/env node
// `npm run eval [-- --set=NAME] [--form=html|text] [scorer flags]`: runs the built cleaner over
// every set in ../shared/eval (or $SCOUR_EVAL_DIR) and the seeds, prints the shared scorer's
// report per set and input form next to the sets' anchors (trafilatura, Readability), and
// compares every page with the previous run.
//
// Written under .eval-out/:
//   <set>/<form>/<id>.json   predictions {body, title, date, byline}
//   <set>/<form>.pages.json  per-page outcome (see pageOutcomes), kept for the next run's diff
//   diff.md                  pages whose outcome changed since the previous run, worse first
//   summary.json             the figures of the summary table
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { clean } from '../dist/clean/index.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The one place outside src/config.ts that reads the environment: a dev script's option.
const evalDir = resolve(repo, process.env.SCOUR_EVAL_DIR ?? '../shared/eval');
const outRoot = join(repo, '.eval-out');
const goldenDir = join(repo, 'tests', 'golden');
const FORMS = [
  { form: 'text', suffix: /\.txt$/ },
  { form: 'html', suffix: /\.html?(?:\.gz)?$/ },
];
const PROCESSED_AT = '2000-01-01T00:00:00.000Z';
/** Anchors shown beside scour: the extractors a user would otherwise pick. */
const ANCHORS = /^(trafilatura|readability_js|mozilla-readability)\.json$/;

const own = { set: null, form: null };
const scorerArgs = [];
for (const arg of process.argv.slice(2)) {
  const m = /^--(set|form)=(.+)$/.exec(arg);
  if (m) own[m[1]] = m[2];
  else scorerArgs.push(arg);
}

if (!existsSync(join(evalDir, 'score.mjs'))) {
  console.log(`eval: skipped — no evaluation sets at ${evalDir} (set SCOUR_EVAL_DIR to a folder holding score.mjs and <set>/{text,html,truth})`);
  process.exit(0);
}

const sets = readdirSync(evalDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(evalDir, d.name, 'truth')))
  .map((d) => d.name)
  .filter((name) => own.set === null || name === own.set)
  .sort();

function predictionOf(result) {
  if (!result.ok) return { body: '', title: null, date: null, byline: null };
  const { body, title, date, byline } = result.record;
  return { body, title, date, byline };
}

function score(setDir, predictions, extra = []) {
  const run = spawnSync(process.execPath, [join(evalDir, 'score.mjs'), setDir, predictions, ...extra], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`scorer failed (exit ${run.status}) on ${predictions}: ${run.stderr}`);
  return run.stdout;
}
const scoreJson = (setDir, predictions, extra = []) => JSON.parse(score(setDir, predictions, ['--json', ...extra]));

// The scorer's per-field rules (its header), applied per page so a change shows by page.
const squeeze = (s) => (typeof s === 'string' ? s : '').replace(/\s+/gu, ' ').trim();
const normTitle = (s) => squeeze(s).normalize('NFKC').toLowerCase().replace(/[‘’‚‛“”„‟"'`´]/g, '').replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
const day = (d) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : null);
const names = (s) => s.split(/[,;&|/]|\s+(?:and|und|et|y|e|i|en|og)\s+/i).map((x) => x.trim().toLowerCase()).filter(Boolean);

/**
 * One page's outcome per field: true/false for date, title, byline; for snippets the counts
 * of missed "with" and leaked "without" snippets; for body the scorer's own per-page F1.
 */
function pageOutcomes(setDir, predDir, ids) {
  const perDocF1 = new Map();
  const scored = scoreJson(setDir, predDir, ['--worst=1000000', '--digits=4']);
  for (const w of scored.body?.worst ?? []) perDocF1.set(w.id, w.f1);
  const pages = {};
  for (const id of ids) {
    const truth = JSON.parse(readFileSync(join(setDir, 'truth', `${id}.json`), 'utf8'));
    const p = JSON.parse(readFileSync(join(predDir, `${id}.json`), 'utf8'));
    const o = {};
    if (perDocF1.has(id)) o.body = perDocF1.get(id);
    if (Array.isArray(truth.with) || Array.isArray(truth.without)) {
      const hay = squeeze(p.body);
      o.missed = (truth.with ?? []).filter((s) => !hay.includes(squeeze(s))).length;
      o.leaked = (truth.without ?? []).filter((s) => hay.includes(squeeze(s))).length;
    }
    if ('date' in truth) o.date = day(p.date) === day(truth.date);
    if (typeof truth.title === 'string' && truth.title.trim()) o.title = normTitle(p.title) === normTitle(truth.title);
    if (typeof truth.byline === 'string' && truth.byline.trim()) {
      const got = (typeof p.byline === 'string' ? p.byline : '').toLowerCase();
      o.byline = names(truth.byline).every((n) => got.includes(n));
    }
    pages[id] = o;
  }
  return pages;
}

/** Positive when the page got better, negative when worse, per field that changed. */
function changes(before, after) {
  const out = [];
  for (const field of ['date', 'title', 'byline']) {
    if (field in after && field in before && after[field] !== before[field]) out.push({ field, delta: after[field] ? 1 : -1, text: `${field} ${after[field] ? 'fixed' : 'broken'}` });
  }
  if ('missed' in after && 'missed' in before) {
    const d = before.missed - after.missed + (before.leaked - after.leaked);
    if (after.missed !== before.missed || after.leaked !== before.leaked) {
      out.push({ field: 'snippets', delta: Math.sign(d) || -0.5, text: `snippets missed ${before.missed}→${after.missed}, leaked ${before.leaked}→${after.leaked}` });
    }
  }
  if ('body' in after && 'body' in before && Math.abs(after.body - before.body) >= 0.005) {
    out.push({ field: 'body', delta: Math.sign(after.body - before.body), text: `body F1 ${before.body.toFixed(3)}→${after.body.toFixed(3)}` });
  }
  return out;
}

const summary = [];
const diffLines = [];

function headline(report) {
  const pick = {};
  if (report.body) pick.body = report.body.f1;
  if (report.snippets) pick.snippets = report.snippets.f1;
  if (report.title) pick.title = report.title.accuracy;
  if (report.byline) pick.byline = report.byline.accuracy;
  if (report.date) pick.date = report.date.accuracy;
  return pick;
}

for (const set of sets) {
  const setDir = join(evalDir, set);
  for (const { form, suffix } of FORMS) {
    if (own.form !== null && own.form !== form) continue;
    const inputDir = join(setDir, form);
    if (!existsSync(inputDir)) continue;
    const files = readdirSync(inputDir).filter((f) => suffix.test(f)).sort();
    if (files.length === 0) continue;
    const predDir = join(outRoot, set, form);
    const pagesFile = join(outRoot, set, `${form}.pages.json`);
    const previous = existsSync(pagesFile) ? JSON.parse(readFileSync(pagesFile, 'utf8')) : null;
    rmSync(predDir, { recursive: true, force: true });
    mkdirSync(predDir, { recursive: true });
    const reasons = {};
    const ids = [];
    let cleanMs = 0;
    for (const [i, file] of files.entries()) {
      const id = file.replace(suffix, '');
      const truthPath = join(setDir, 'truth', `${id}.json`);
      if (existsSync(truthPath)) ids.push(id);
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
    process.stdout.write(score(setDir, predDir, scorerArgs));

    const row = { set, form, scour: headline(scoreJson(setDir, predDir)), anchors: {} };
    const anchorDir = join(setDir, 'anchors');
    if (form === 'html' && existsSync(anchorDir)) {
      for (const anchor of readdirSync(anchorDir).filter((f) => ANCHORS.test(f)).sort()) {
        row.anchors[anchor.replace(/\.json$/, '')] = headline(scoreJson(setDir, join(anchorDir, anchor)));
      }
    }
    summary.push(row);

    const pages = pageOutcomes(setDir, predDir, ids);
    writeFileSync(pagesFile, JSON.stringify(pages));
    if (previous) {
      const changed = [];
      for (const id of ids) if (previous[id]) for (const c of changes(previous[id], pages[id])) changed.push({ id, ...c });
      const worse = changed.filter((c) => c.delta < 0).length;
      const better = changed.filter((c) => c.delta > 0).length;
      console.log(`per page since the previous run: ${better} changes better, ${worse} worse (.eval-out/diff.md)`);
      if (changed.length) {
        diffLines.push(`## ${set} / ${form}: ${better} better, ${worse} worse`, '');
        for (const c of changed.sort((a, b) => a.delta - b.delta || a.id.localeCompare(b.id))) diffLines.push(`- ${c.delta < 0 ? 'WORSE' : 'better'} ${c.id}: ${c.text}`);
        diffLines.push('');
      }
    }
  }
}

// The seeds: the user's own examples, checked field by field against their golden files.
function seedChecks() {
  if (!existsSync(goldenDir) || own.set !== null) return null;
  const results = [];
  for (const slug of readdirSync(goldenDir).filter((d) => d.startsWith('seed-')).sort()) {
    const dir = join(goldenDir, slug);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const source = existsSync(join(dir, 'source.txt')) ? readFileSync(join(dir, 'source.txt')) : gunzipSync(readFileSync(join(dir, 'source.html.gz')));
    const result = clean({ bytes: source, name: expected.name, receivedAt: PROCESSED_AT, url: expected.url ?? null }, { processedAt: PROCESSED_AT });
    const failures = [];
    if (!result.ok) failures.push(`rejected: ${result.reason}`);
    else {
      const r = result.record;
      for (const field of ['title', 'byline', 'date', 'dateline', 'publisher']) {
        if (field in expected && r[field] !== expected[field]) failures.push(`${field} ${JSON.stringify(r[field])} ≠ ${JSON.stringify(expected[field])}`);
      }
      const hay = squeeze(r.body);
      for (const s of expected.with ?? []) if (!hay.includes(squeeze(s))) failures.push(`missing: ${s.slice(0, 60)}`);
      for (const s of expected.without ?? []) if (hay.includes(squeeze(s))) failures.push(`leaked: ${s.slice(0, 60)}`);
    }
    results.push({ slug, failures });
  }
  return results;
}
const seeds = seedChecks();
if (seeds) {
  const ok = seeds.filter((s) => s.failures.length === 0).length;
  console.log(`\n=== seeds: ${ok}/${seeds.length} as their golden files say (the golden tests check every field)`);
  for (const s of seeds) for (const f of s.failures) console.log(`  ${s.slug}: ${f}`);
}

const cell = (v) => (v === undefined ? '' : v.toFixed(3));
const FIELDS = ['body', 'snippets', 'title', 'byline', 'date'];
console.log('\n=== summary (scour, then the anchors on the same pages; body = body F1, snippets = snippet F1, the rest accuracy)');
console.log(['set/form'.padEnd(24), 'extractor'.padEnd(20), ...FIELDS.map((h) => h.padEnd(8))].join(' '));
for (const row of summary) {
  const line = (who, figs) => console.log([`${row.set}/${row.form}`.padEnd(24), who.padEnd(20), ...FIELDS.map((f) => cell(figs[f]).padEnd(8))].join(' '));
  line('scour', row.scour);
  for (const [name, figs] of Object.entries(row.anchors)) line(name, figs);
}
if (seeds) console.log(`seeds: ${seeds.filter((s) => s.failures.length === 0).length}/${seeds.length}`);
writeFileSync(join(outRoot, 'summary.json'), JSON.stringify({ sets: summary, seeds }, null, 1));
if (diffLines.length || own.set === null) writeFileSync(join(outRoot, 'diff.md'), diffLines.length ? `# Per-page changes since the previous run\n\n${diffLines.join('\n')}` : '# No page changed since the previous run\n');
