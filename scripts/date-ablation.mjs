#!/usr/bin/env node
// `node scripts/date-ablation.mjs [--dump=FILE] [--only=REGEX]` (after `npm run build`): the HTML
// date reader's ablation. Each page of ../shared/eval/{trafilatura-dev,dates-htmldate} is parsed
// once; then every date rule, source and weight is switched off (or neutralised) in turn and the
// page's date read again. Prints, per variant, the change in correct dates per check group:
//   T0/T1  trafilatura-dev (its own truth), pages split by id parity
//   H0/H1  dates-htmldate pages whose URL is not in trafilatura-dev (the held-out check set)
//   D      all of dates-htmldate (the floor)
// Pages the last `npm run eval` rejected count as dateless (run it first so the figures match its).
// A rule that wins only on a few pages of one group, or wins on one half and costs on the
// other, fits the sets rather than a class of pages.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decode } from '../dist/clean/decode.js';
import { htmlDateCandidates } from '../dist/clean/dates/index.js';
import { parsePage } from '../dist/clean/page/parse-page.js';
import { bestDate } from '../dist/clean/assemble.js';
import * as W from '../dist/clean/rules/dates-weights.js';
import * as H from '../dist/clean/rules/dates-html.js';
import * as Z from '../dist/clean/rules/dates-zones.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = resolve(repo, process.env.SCOUR_EVAL_DIR ?? '../shared/eval');
const opt = Object.fromEntries(process.argv.slice(2).map((a) => /^--([^=]+)=(.*)$/.exec(a)?.slice(1) ?? [a, true]));
if (!existsSync(join(evalDir, 'trafilatura-dev')) || !existsSync(join(evalDir, 'dates-htmldate'))) {
  console.log(`date-ablation: skipped — no trafilatura-dev / dates-htmldate at ${evalDir}`);
  process.exit(0);
}

/** Sets a property for one run; returns the undo. */
function set(obj, key, value) {
  const old = obj[key];
  obj[key] = value;
  return () => {
    obj[key] = old;
  };
}
const all = (...undos) => () => undos.forEach((u) => u());

const variants = [];
const add = (name, apply) => variants.push({ name, apply });
for (const k of Object.keys(W.JSONLD_CONFIDENCE)) add(`jsonld.${k}=0`, () => set(W.JSONLD_CONFIDENCE, k, 0));
for (const row of H.META_DATE_NAMES) add(`meta[${row.key}]=0`, () => set(row, 'confidence', 0));
for (const k of Object.keys(W.HTML_TEXT_CONFIDENCE)) add(`text.${k}=0`, () => set(W.HTML_TEXT_CONFIDENCE, k, 0));
H.DATE_ELEMENT_TOKENS.forEach((row, i) => add(`element-tier${i}=0 (${row.pattern.slice(0, 24)}…)`, () => set(row, 'confidence', 0)));
H.URL_DATE_PATTERNS.forEach((row, i) => add(`url-pattern${i} off`, () => set(row, 're', /(?!)/)));
const F = W.HTML_DATE_FACTORS;
for (const [k, v] of [['agreementBonus', 0], ['strongEnough', 2], ['strongEnough', 0], ['bodyMetaList', 1], ['timeOutsideArticle', 1], ['timeList', 1],
  ['rankDecay', 0], ['list', 1], ['parsedLift', 0], ['compactValue', 0], ['epochValue', 0], ['shownRevisionMin', 2], ['masthead', 1], ['teaserArticle', 1]]) add(`factor.${k}=${v}`, () => set(F, k, v));
for (const k of ['published', 'modified', 'event']) add(`role.${k}=1`, () => set(F.role, k, 1));
add('role.copyright=1', () => set(F.role, 'copyright', 1));
add('role.other=1', () => set(F.role, 'other', 1));
add('zones off', () => all(...Object.keys(Z.ZONE_BY_LANG).map((k) => set(Z.ZONE_BY_LANG, k, undefined)), ...Object.keys(Z.ZONE_BY_TLD).map((k) => set(Z.ZONE_BY_TLD, k, undefined))));
const only = opt.only ? new RegExp(opt.only) : null;
const active = variants.filter((v) => !only || only.test(v.name));

const day = (d) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : null);
const readTruth = (s) => Object.fromEntries(readdirSync(join(evalDir, s, 'truth')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(evalDir, s, 'truth', f), 'utf8'))]));
const T = readTruth('trafilatura-dev');
const D = readTruth('dates-htmldate');
const tUrls = new Set(Object.values(T).map((t) => t.url));
/** The half a page falls in: FNV-1a of its id, odd or even (ids are names or hex hashes). */
function parity(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h & 1;
}
/** Pages the last `npm run eval` rejected (no record, so no date, whatever the date rules say). */
function rejectedBy(set, id) {
  const f = join(repo, '.eval-out', set, 'html', `${id}.json`);
  return existsSync(f) && JSON.parse(readFileSync(f, 'utf8')).body === '';
}

/** Every page to read once: [set, id, truth, groups]. */
const jobs = [];
for (const [id, t] of Object.entries(T)) if ('date' in t) jobs.push({ set: 'trafilatura-dev', id, t, groups: [`T${parity(id)}`] });
for (const [id, t] of Object.entries(D)) if ('date' in t) jobs.push({ set: 'dates-htmldate', id, t, groups: tUrls.has(t.url) ? ['D'] : [`H${parity(id)}`, 'D'] });
const GROUPS = ['T0', 'T1', 'H0', 'H1', 'D'];

function dateOf(page, url) {
  const cands = htmlDateCandidates(page.root, { url, jsonLd: page.jsonLd, index: page.index });
  return bestDate(cands);
}

const sizes = Object.fromEntries(GROUPS.map((g) => [g, 0]));
const base = Object.fromEntries(GROUPS.map((g) => [g, 0]));
const res = active.map(() => ({ win: Object.fromEntries(GROUPS.map((g) => [g, 0])), loss: Object.fromEntries(GROUPS.map((g) => [g, 0])), pages: [] }));
const dump = [];
for (const job of jobs) {
  const dir = join(evalDir, job.set, 'html');
  const file = [`${job.id}.html.gz`, `${job.id}.html`].find((f) => existsSync(join(dir, f)));
  if (!file) continue;
  const raw = readFileSync(join(dir, file));
  const decoded = decode(file.endsWith('.gz') ? gunzipSync(raw) : raw, { maxBytes: 50 << 20 });
  if (!decoded.ok) continue;
  const page = parsePage(decoded.text);
  const url = job.t.url ?? null;
  const truth = day(job.t.date);
  const rejected = rejectedBy(job.set, job.id);
  const got = rejected ? null : dateOf(page, url);
  const ok = day(got?.date) === truth;
  for (const g of job.groups) {
    sizes[g]++;
    if (ok) base[g]++;
  }
  if (opt.dump) {
    const cands = htmlDateCandidates(page.root, { url, jsonLd: page.jsonLd, index: page.index });
    dump.push({ set: job.set, id: job.id, groups: job.groups, url, truth, got: got?.date ?? null, ok, cands: cands.slice(0, 8) });
  }
  if (rejected) continue;
  active.forEach((v, i) => {
    const undo = v.apply();
    let vok;
    try {
      vok = day(dateOf(page, url)?.date) === truth;
    } finally {
      undo();
    }
    if (vok === ok) return;
    for (const g of job.groups) res[i][vok ? 'win' : 'loss'][g]++;
    res[i].pages.push(`${vok ? '+' : '-'}${job.set[0]}:${job.id.slice(0, 6)}`);
  });
}
if (opt.dump) writeFileSync(opt.dump, JSON.stringify(dump, null, 1));

// trafilatura (htmldate) on the same trafilatura-dev halves, from the set's anchors.
const anchorFile = join(evalDir, 'trafilatura-dev', 'anchors', 'trafilatura.json');
if (existsSync(anchorFile)) {
  const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
  const pick = (id) => { const p = anchor[id]; return day(p && typeof p === 'object' ? p.date : null); };
  const by = { T0: [0, 0], T1: [0, 0] };
  for (const job of jobs) if (job.set === 'trafilatura-dev') { const g = by[job.groups[0]]; g[1]++; if (pick(job.id) === day(job.t.date)) g[0]++; }
  console.log(`trafilatura: ${Object.entries(by).map(([g, [c, n]]) => `${g} ${c}/${n} (${(c / n).toFixed(3)})`).join('  ')}`);
}
const pct = (g) => (sizes[g] ? (base[g] / sizes[g]).toFixed(3) : '-');
console.log(`baseline: ${GROUPS.map((g) => `${g} ${base[g]}/${sizes[g]} (${pct(g)})`).join('  ')}`);
console.log('\nWhat each rule is worth: correct dates lost (−) when it is switched off, per group (T0 T1 H0 H1 | D); pages changed.');
console.log('| variant (switched off) | T0 | T1 | H0 | H1 | D | pages |');
console.log('|---|---|---|---|---|---|---|');
const rows = active.map((v, i) => ({ v, r: res[i] })).filter(({ r }) => r.pages.length);
rows.sort((a, b) => GROUPS.reduce((n, g) => n + a.r.win[g] - a.r.loss[g], 0) - GROUPS.reduce((n, g) => n + b.r.win[g] - b.r.loss[g], 0));
for (const { v, r } of rows) {
  const cell = (g) => { const d = r.win[g] - r.loss[g]; return `${d > 0 ? '+' : ''}${d}${r.win[g] && r.loss[g] ? ` (+${r.win[g]}/−${r.loss[g]})` : ''}`; };
  console.log(`| ${v.name} | ${GROUPS.map(cell).join(' | ')} | ${r.pages.length <= 6 ? r.pages.join(' ') : `${r.pages.length}`} |`);
}
console.log(`\nno effect on any page: ${active.filter((_, i) => !res[i].pages.length).map((v) => v.name).join(', ')}`);
