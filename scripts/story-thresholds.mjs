#!/usr/bin/env node
// Measures the story thresholds on the dev sets of ../shared/eval (or $SCOUR_EVAL_DIR): each
// page's HTML and its own text dump are the same article in two forms (a pair that must meet),
// and every two different pages are different articles (a pair that must stay apart).
// Prints, per shingle size and signature kind (MinHash; SimHash with --simhash), how well
// similarity separates the two, and with --group the recall and precision of the stories index.
//   node scripts/story-thresholds.mjs [--sets=a,b] [--k=1,2,3,5] [--simhash] [--group]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean } from '../dist/clean/index.js';
import { bodySignature, estimateSimilarity, normaliseBody } from '../dist/clean/fingerprint.js';
import { StoryGrouper } from '../dist/stories/group-records.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(repo, process.env.SCOUR_EVAL_DIR ?? '../shared/eval');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const SETS = (args.get('sets') ?? 'scrapinghub,dates-htmldate,trafilatura-dev').split(',');
const AT = '2000-01-01T00:00:00.000Z';

if (!existsSync(evalDir)) {
  console.log(`story-thresholds: skipped, no evaluation sets at ${evalDir}`);
  process.exit(0);
}

/** Every page of a set with both forms cleaned: { page, form, body } per record. */
function cleanSet(set) {
  const docs = [];
  for (const [form, suffix] of [['html', /\.html?(?:\.gz)?$/], ['text', /\.txt$/]]) {
    const dir = join(evalDir, set, form);
    for (const file of readdirSync(dir).filter((f) => suffix.test(f)).sort()) {
      const page = file.replace(suffix, '');
      const result = clean({ bytes: readFileSync(join(dir, file)), name: file, receivedAt: AT }, { processedAt: AT });
      if (result.ok) docs.push({ page, form, body: result.record.body, record: result.record });
    }
  }
  return docs;
}

function popcount32(x) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** 64-bit SimHash (two 32-bit halves) of the same word shingles, weighted equally. */
function simHash(normalised, k) {
  const words = normalised.split(' ');
  const counts = new Int32Array(64);
  const seen = new Set();
  for (let i = 0; i <= Math.max(0, words.length - k); i++) {
    const key = words.slice(i, i + k).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    let a = 0x811c9dc5, b = 0x01000193;
    for (let c = 0; c < key.length; c++) { a = Math.imul(a ^ key.charCodeAt(c), 0x01000193); b = Math.imul(b ^ key.charCodeAt(c), 0x5bd1e995); }
    for (let bit = 0; bit < 32; bit++) { counts[bit] += (a >>> bit) & 1 ? 1 : -1; counts[32 + bit] += (b >>> bit) & 1 ? 1 : -1; }
  }
  let lo = 0, hi = 0;
  for (let bit = 0; bit < 32; bit++) { if (counts[bit] > 0) lo |= 1 << bit; if (counts[32 + bit] > 0) hi |= 1 << bit; }
  return [lo >>> 0, hi >>> 0];
}
const simHashSimilarity = (a, b) => 1 - (popcount32(a[0] ^ b[0]) + popcount32(a[1] ^ b[1])) / 64;

/** Same-page similarities and, per record, the highest similarity to any other page. */
function separation(docs, sigOf, sim) {
  const sigs = docs.map((d) => sigOf(d));
  const same = [];
  const otherMax = new Array(docs.length).fill(0);
  const different = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const s = sim(sigs[i], sigs[j]);
      if (docs[i].page === docs[j].page) same.push(s);
      else {
        different.push(s);
        if (s > otherMax[i]) otherMax[i] = s;
        if (s > otherMax[j]) otherMax[j] = s;
      }
    }
  }
  return { same, different };
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const f = (x) => x.toFixed(3);

function report(label, { same, different }, thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
  const maxDiff = different.reduce((m, x) => Math.max(m, x), 0);
  const rows = thresholds.map((t) => `t=${t}: recall ${f(same.filter((s) => s >= t).length / same.length)} false pairs ${different.filter((s) => s >= t).length}`);
  console.log(`${label}: same-page p05 ${f(quantile(same, 0.05))} p10 ${f(quantile(same, 0.1))} median ${f(quantile(same, 0.5))}; different max ${f(maxDiff)} p99.99 ${f(quantile(different, 0.9999))}\n    ${rows.join(' | ')}`);
}

/**
 * The index itself over every record of a set (HTML pages first, then the dumps, as
 * `scour clean html/ text/` runs): recall = pages whose two records share a story, among
 * pages with both; precision = stories holding a single page, among stories with two or more records.
 */
async function group(docs) {
  const grouper = new StoryGrouper();
  const storyOf = new Map();
  const started = performance.now();
  for (const d of docs) storyOf.set(d, (await grouper.place(d.record, () => {})).story.id);
  const ms = performance.now() - started;
  const byPage = new Map();
  for (const d of docs) byPage.set(d.page, [...(byPage.get(d.page) ?? []), d]);
  const pairs = [...byPage.values()].filter((ds) => ds.length === 2);
  const met = pairs.filter(([a, b]) => storyOf.get(a) === storyOf.get(b)).length;
  const pagesByStory = new Map();
  for (const d of docs) pagesByStory.set(storyOf.get(d), new Set([...(pagesByStory.get(storyOf.get(d)) ?? []), d.page]));
  const mixed = [...pagesByStory.values()].filter((pages) => pages.size > 1);
  // Pair precision: of the record pairs that share a story, the share from one page.
  const recordsByStory = new Map();
  for (const d of docs) recordsByStory.set(storyOf.get(d), [...(recordsByStory.get(storyOf.get(d)) ?? []), d]);
  let pairsTogether = 0;
  let samePage = 0;
  for (const ds of recordsByStory.values()) {
    for (let i = 0; i < ds.length; i++) for (let j = i + 1; j < ds.length; j++) {
      pairsTogether++;
      if (ds[i].page === ds[j].page) samePage++;
    }
  }
  console.log(`  pair precision ${samePage}/${pairsTogether} = ${f(samePage / pairsTogether)}`);
  console.log(`  grouping: recall ${met}/${pairs.length} = ${f(met / pairs.length)}; stories mixing pages: ${mixed.length} (${mixed.map((p) => [...p].map((x) => x.slice(0, 10)).join('+')).join(', ')}); ${f(ms / docs.length)} ms per record placed`);
}

for (const set of SETS) {
  const started = performance.now();
  const docs = cleanSet(set);
  const pages = new Set(docs.map((d) => d.page));
  const both = [...pages].filter((p) => docs.filter((d) => d.page === p).length === 2).length;
  console.log(`\n=== ${set}: ${docs.length} records, ${both} pages with both forms as records (${Math.round(performance.now() - started)} ms to clean)`);
  for (const d of docs) d.normalised = normaliseBody(d.body);
  if (args.has('group')) {
    await group(docs);
    continue;
  }
  for (const k of (args.get('k') ?? '1,2,3,5').split(',').map(Number)) {
    report(`minhash64 k=${k}`, separation(docs, (d) => bodySignature(d.body, 64, k), estimateSimilarity));
    if (args.has('simhash')) report(`simhash64 k=${k}`, separation(docs, (d) => simHash(d.normalised, k), simHashSimilarity), [0.75, 0.8, 0.85, 0.9]);
  }
}

/** --debug: the worst pairs of a set, with exact Jaccard and containment of 3-word shingles. */
export function shingleSet(normalised, k = 3) {
  const w = normalised.split(' ');
  const s = new Set();
  for (let i = 0; i <= Math.max(0, w.length - k); i++) s.add(w.slice(i, i + k).join(' '));
  return s;
}
