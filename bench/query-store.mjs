#!/usr/bin/env node
// node bench/query-store.mjs [--n=100000] [--driver=file,postgres] [--pg=URL] [--keep]
// (run `npm run build` first: it imports dist/)
//
// The output store's query at scale: N synthetic entries (90% records with a ~2.5 kB body of
// Zipf-distributed words, 10% rejections), then the median of 5 timings of: the first page,
// a page 50,000 deep (keyset), a filtered page, word searches (rare and common word), and
// counts (all, filtered, with a word). The file driver also reports the first load of a
// folder without an index (reconciliation reads every file) and the load of the index logs.
// The data is written straight to the backend (files / multi-row INSERT) since this measures
// reading; the file store's index logs are written by its own first reader.
import { randomUUID, createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { FsOutputStore } = await import(join(root, 'dist/stores/fs/fs-output-store.js'));
const { SummaryIndex } = await import(join(root, 'dist/stores/fs/summary-index.js'));
const { SummaryLogWriter } = await import(join(root, 'dist/stores/fs/summary-log.js'));
const { openPostgresOutputStore } = await import(join(root, 'dist/stores/postgres/index.js'));
const { decodeStoreCursor, storyIdOf } = await import(join(root, 'dist/stores/output-query.js'));

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const N = Number(args.n ?? 100_000);
const drivers = (args.driver ?? 'file,postgres').split(',');
const PG_URL = args.pg ?? 'postgres://postgres@127.0.0.1:5432/test';
const log = (...m) => console.error(...m);

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const syllables = ['ka', 'lo', 'mi', 'ra', 'tu', 'ne', 'sa', 'po', 'di', 've', 'zu', 'ho', 'ba', 'ge', 'fi', 'ju'];
const VOCAB = Array.from({ length: 8000 }, (_, i) => {
  let w = '';
  let x = i + 17;
  do {
    w += syllables[x % 16];
    x = Math.floor(x / 16);
  } while (x > 0);
  return w;
});
// Zipf: word i drawn with weight 1/(i+1).
const H = VOCAB.reduce((s, _, i) => s + 1 / (i + 1), 0);
const cdf = [];
VOCAB.reduce((acc, _, i) => (cdf.push((acc += 1 / (i + 1) / H)), acc), 0);
const word = () => {
  const r = rand();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo];
};
const PUBLISHERS = Array.from({ length: 40 }, (_, i) => `Publisher ${i}`);
const LANGS = ['en', 'en', 'en', 'ur', 'de', 'fr'];
const REASONS = ['no-article', 'too-short', 'empty', 'binary', 'failed'];
const sha = (s) => createHash('sha256').update(s).digest('hex');
const iso = (ms) => new Date(ms).toISOString();
const BASE = Date.parse('2026-01-01T00:00:00Z');

function makeEntry(i) {
  const id = sha(`bench-${i}`);
  const receivedAt = iso(BASE + i * 1000);
  if (i % 10 === 9) {
    return {
      kind: 'rejected',
      entry: {
        ok: false,
        reason: REASONS[i % REASONS.length],
        detail: 'synthetic',
        schemaVersion: 1,
        id,
        source: { name: `in/${i}.html`, sha256: id, bytes: 100, receivedAt },
        attempts: 1,
        pipeline: { version: 'bench', processedAt: receivedAt },
      },
    };
  }
  const body = Array.from({ length: 6 }, () => Array.from({ length: 60 }, word).join(' ') + '.').join('\n\n');
  const day = new Date(Date.parse('2019-01-01') + Math.floor(rand() * 6 * 365) * 86400000).toISOString().slice(0, 10);
  const record = {
    schemaVersion: 1,
    id,
    source: { name: `in/${i}.html`, sha256: id, bytes: body.length + 500, format: 'html', encoding: 'utf-8', url: `https://example.com/${i}`, receivedAt },
    title: `${word()} ${word()} ${word()} ${word()}`,
    byline: null,
    dateline: null,
    publisher: PUBLISHERS[Math.floor(rand() * PUBLISHERS.length)],
    date: rand() < 0.1 ? null : day,
    dateEvidence: null,
    language: LANGS[i % LANGS.length],
    body,
    highlights: [],
    captions: [],
    removed: [],
    stats: { inputChars: body.length + 500, bodyChars: body.length, bodyWords: 360, paragraphs: 6, blocksRemoved: 0, method: 'html:article' },
    pipeline: { version: 'bench', processedAt: receivedAt },
    story: rand() < 0.3 ? { id: `story-${Math.floor(rand() * 20000)}`, relation: 'same', similarity: 1, nearestId: null } : null,
  };
  return { kind: 'records', entry: record };
}

async function time(fn, runs = 5) {
  const times = [];
  let result;
  for (let r = 0; r < runs; r += 1) {
    const t = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

// A rare word (ranked 4000th: in about 1 record in 100) and a common one (5th).
const RARE = VOCAB[4000];
const COMMON = VOCAB[4];

async function measure(store, label) {
  const rows = [];
  const row = (what, { ms }, note = '') => {
    rows.push({ driver: label, what, ms: Math.round(ms * 10) / 10, note });
    log(`${label} ${what}: ${ms.toFixed(1)} ms ${note}`);
  };
  row('first page (50, all statuses)', await time(() => store.query({ limit: 50, status: 'all' })));
  // Walk halfway (50,000 deep at 100,000) with pages of 500, then time one page there.
  let cursor;
  for (let seen = 0; seen < N / 2; seen += 500) {
    const page = await store.query({ limit: 500, status: 'all', ...(cursor ? { before: cursor } : {}) });
    cursor = decodeStoreCursor(page.at(-1).cursor);
  }
  row(`page ${N / 2} deep (keyset)`, await time(() => store.query({ limit: 50, status: 'all', before: cursor })));
  const filtered = await time(() => store.query({ limit: 50, status: 'record', publisher: 'Publisher 7', from: '2021-01-01', to: '2021-12-31', language: 'en' }));
  row('filtered page (publisher+year+language)', filtered, `${filtered.result.length} items`);
  const rare = await time(() => store.query({ limit: 50, status: 'record', q: RARE }));
  row(`q= rare word (${RARE})`, rare, `${rare.result.length} items`);
  const common = await time(() => store.query({ limit: 50, status: 'record', q: COMMON }));
  row(`q= common word (${COMMON})`, common, `${common.result.length} items`);
  const two = await time(() => store.query({ limit: 50, status: 'record', q: `${RARE} ${COMMON}` }));
  row('q= two words (rare + common)', two, `${two.result.length} items`);
  const counts = await time(() => store.counts({}));
  row('counts (all)', counts, `total ${counts.result.total}`);
  const fc = await time(() => store.counts({ from: '2021-01-01', to: '2021-12-31' }));
  row('counts (one year)', fc, `total ${fc.result.total}`);
  const qc = await time(() => store.counts({ q: RARE }), 3);
  row(`counts (q= rare word)`, qc, `total ${qc.result.total}`);
  const qcc = await time(() => store.counts({ q: COMMON }), 3);
  row(`counts (q= common word)`, qcc, `total ${qcc.result.total}`);
  return rows;
}

async function benchFile() {
  const dir = mkdtempSync(join(tmpdir(), 'scour-query-bench-'));
  try {
    log(`file: writing ${N} entries under ${dir}`);
    mkdirSync(join(dir, 'records'));
    mkdirSync(join(dir, 'rejected'));
    const t0 = Date.now();
    seed = 42;
    for (let i = 0; i < N; i += 1) {
      const { kind, entry } = makeEntry(i);
      writeFileSync(join(dir, kind, `${entry.id}.json`), `${JSON.stringify(entry, null, 2)}\n`);
    }
    log(`file: written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const rows = [];
    const heap0 = process.memoryUsage().heapUsed;
    const cold = await time(() => new SummaryIndex(dir, new SummaryLogWriter(dir)).counts({}), 1);
    rows.push({ driver: 'file', what: 'first load without an index (reads every file, writes the log)', ms: Math.round(cold.ms), note: '' });
    log(`file cold load: ${cold.ms.toFixed(0)} ms`);
    const store = new FsOutputStore(dir);
    const warm = await time(() => store.counts({}), 1);
    rows.push({ driver: 'file', what: 'load from the index logs (a new reader)', ms: Math.round(warm.ms), note: '' });
    globalThis.gc?.();
    const heap = Math.round((process.memoryUsage().heapUsed - heap0) / 1e6);
    log(`file warm load: ${warm.ms.toFixed(0)} ms, heap +${heap} MB`);
    rows.push(...(await measure(store, 'file')));
    rows.push({ driver: 'file', what: 'heap held by the loaded index (after GC)', ms: null, note: `+${heap} MB` });
    return rows;
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres() {
  const schema = `bench_${randomUUID().replaceAll('-', '')}`;
  const logger = pino({ level: 'silent' });
  const store = await openPostgresOutputStore({ url: PG_URL, schema, poolSize: 4, logger });
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    log(`postgres: inserting ${N} entries into schema ${schema}`);
    const t0 = Date.now();
    seed = 42;
    const BATCH = 500;
    for (let start = 0; start < N; start += BATCH) {
      const recs = [];
      const rejs = [];
      for (let i = start; i < Math.min(N, start + BATCH); i += 1) {
        const { kind, entry } = makeEntry(i);
        (kind === 'records' ? recs : rejs).push([i, entry]);
      }
      if (recs.length) {
        const values = [];
        const tuples = recs.map(([i, r], k) => {
          values.push(r.id, JSON.stringify(r), r.title, r.date, r.date, r.source.url, r.publisher, r.language, 'bench', storyIdOf(r), iso(BASE + i * 1000));
          const b = k * 11;
          return `($${b + 1}, $${b + 2}::jsonb, $${b + 3}, $${b + 4}, $${b + 5}::date, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10}, $${b + 11}::timestamptz)`;
        });
        await admin.query(
          `INSERT INTO "${schema}".records (id, record, title, date, day, url, publisher, language, cleaner_version, story, updated_at) VALUES ${tuples.join(',')}`,
          values,
        );
      }
      if (rejs.length) {
        const values = [];
        const tuples = rejs.map(([i, r], k) => {
          values.push(r.id, r.reason, JSON.stringify(r), iso(BASE + i * 1000));
          const b = k * 4;
          return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}::timestamptz)`;
        });
        await admin.query(`INSERT INTO "${schema}".rejections (id, reason, record, updated_at) VALUES ${tuples.join(',')}`, values);
      }
    }
    await admin.query(`ANALYZE "${schema}".records; ANALYZE "${schema}".rejections`);
    log(`postgres: inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { rows: size } = await admin.query(`SELECT pg_size_pretty(pg_total_relation_size('"${schema}".records')) AS s`);
    const rows = await measure(store, 'postgres');
    rows.push({ driver: 'postgres', what: 'records table with indexes', ms: null, note: size[0].s });
    return rows;
  } finally {
    await store.close();
    if (!args.keep) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
}

const all = [];
if (drivers.includes('file')) all.push(...(await benchFile()));
if (drivers.includes('postgres')) all.push(...(await benchPostgres()));
console.log(`\nOutput store query, ${N} entries (median of 5; counts with q= median of 3)\n`);
console.log('| driver | what | ms | note |\n|---|---|---|---|');
for (const r of all) console.log(`| ${r.driver} | ${r.what} | ${r.ms ?? ''} | ${r.note} |`);
