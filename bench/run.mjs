#!/usr/bin/env node
// npm run bench [-- --quick] [-- --json] [-- --only=text,html,queue]
// Each figure is measured in the same run as its baseline and reported as a ratio (the
// machine is shared and noisy). Sections whose inputs are absent are skipped with a message.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean } from '../dist/clean/index.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const evalDir = process.env.SCOUR_EVAL_DIR ?? join(root, '..', 'shared', 'eval');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const asJson = args.includes('--json');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wants = (section) => !only || only.includes(section);
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const result = {};
const rows = [];

const options = { processedAt: new Date().toISOString() };
const receivedAt = options.processedAt;

/** Runs fn over items for `rounds` rounds after one warm-up round; returns the median items/s. */
function throughput(items, fn, rounds) {
  for (const item of items) fn(item);
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const item of items) fn(item);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(items.length / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

function readSet(dir, suffix, transform) {
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => ({ name: f, bytes: transform(readFileSync(join(dir, f))) }));
}

if (wants('text')) {
  const pages = [
    ...(readSet(join(evalDir, 'scrapinghub', 'text'), '.txt', (b) => b) ?? []),
    ...(readSet(join(evalDir, 'dates-htmldate', 'text'), '.txt', (b) => b) ?? []),
  ];
  if (pages.length === 0) log(`text: skipped, no text dumps under ${evalDir}`);
  else {
    const mb = pages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;
    log(`text: clean() on ${pages.length} text dumps (${mb.toFixed(1)} MB)…`);
    const rate = throughput(pages, (p) => clean({ bytes: p.bytes, name: p.name, receivedAt }, options), quick ? 1 : 3);
    result.clean_text_docs_per_s = Math.round(rate);
    result.clean_text_mb_per_s = +((rate * mb) / pages.length).toFixed(2);
    rows.push(['clean() text dumps, 1 core', `${result.clean_text_docs_per_s} docs/s`, `${result.clean_text_mb_per_s} MB/s`, rate >= 2000 ? 'PASS (≥ 2,000)' : 'MISS (≥ 2,000)']);
  }
}

if (wants('html')) {
  const pages = readSet(join(evalDir, 'scrapinghub', 'html'), '.html.gz', (b) => gunzipSync(b));
  if (!pages) log('html: skipped, no scrapinghub/html pages');
  else {
    const subset = quick ? pages.slice(0, 40) : pages;
    log(`html: clean() and Readability+jsdom on ${subset.length} pages…`);
    let accepted = 0;
    const cleanRate = throughput(subset, (p) => {
      if (clean({ bytes: p.bytes, name: p.name, receivedAt }, options).ok) accepted++;
    }, quick ? 1 : 3);
    const { JSDOM, VirtualConsole } = await import('jsdom');
    const { Readability } = await import('@mozilla/readability');
    const virtualConsole = new VirtualConsole();
    const readabilityRate = throughput(subset.slice(0, quick ? 10 : 60), (p) => {
      const dom = new JSDOM(p.bytes, { virtualConsole });
      new Readability(dom.window.document).parse();
      dom.window.close();
    }, 1);
    // Rejected pages are cheap: a rate over pages the cleaner refused would flatter it.
    const acceptedAny = accepted > 0;
    if (!acceptedAny) log('html: clean() accepted no page (the HTML extractor is not in place yet); its rate is not reported');
    result.clean_html_pages_per_s = acceptedAny ? Math.round(cleanRate) : null;
    result.readability_pages_per_s = +readabilityRate.toFixed(1);
    result.clean_html_vs_readability = acceptedAny ? +(cleanRate / readabilityRate).toFixed(1) : null;
    result.clean_html_accepted_share = +(accepted / (subset.length * ((quick ? 1 : 3) + 1))).toFixed(2);
    if (acceptedAny) rows.push(['clean() HTML pages, 1 core', `${result.clean_html_pages_per_s} pages/s`, `${result.clean_html_vs_readability}× Readability`, `accepted ${Math.round(result.clean_html_accepted_share * 100)}%`]);
    rows.push(['@mozilla/readability + jsdom', `${result.readability_pages_per_s} pages/s`, '1×', '']);
  }
}

if (wants('queue')) {
  const { Queue, Worker } = await import('bullmq');
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const prefix = `bench-${randomUUID()}`;
  const n = quick ? 2000 : 20000;
  const queue = new Queue('clean', { connection, prefix });
  try {
    await queue.waitUntilReady();
    log(`queue: BullMQ no-op worker ceiling on ${n} jobs…`);
    for (let i = 0; i < n; i += 1000) {
      await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'clean', data: { i: i + k }, opts: { removeOnComplete: true } })));
    }
    const start = Date.now();
    let done = 0;
    await new Promise((resolve) => {
      const worker = new Worker('clean', async () => undefined, { connection, prefix, concurrency: 1 });
      worker.on('completed', () => {
        if (++done === n) void worker.close().then(resolve);
      });
    });
    result.noop_ceiling_per_s = Math.round(n / ((Date.now() - start) / 1000));
    rows.push(['BullMQ no-op worker (queue ceiling)', `${result.noop_ceiling_per_s} jobs/s`, '', '']);
    await queue.obliterate({ force: true });
  } catch (err) {
    log(`queue: skipped, Redis at 127.0.0.1:6379 did not answer (${err.message})`);
  } finally {
    await queue.close();
  }
}

// Not measured yet (issue 6): end-to-end inbox → store, scale-out, memory, per-stage profile.
for (const key of ['e2e_files_per_s', 'e2e_p99_ms', 'peak_rss_mb']) result[key] ??= null;

const width = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(`scour bench — node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
for (const row of rows) process.stdout.write(`${row[0].padEnd(width)}  ${row.slice(1).filter(Boolean).join('  ')}\n`);
process.stdout.write('not measured yet: end-to-end files/s and p99, scale-out, peak RSS, per-stage profile\n');
if (asJson) process.stdout.write(`${JSON.stringify(result)}\n`);
