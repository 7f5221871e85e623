#!/usr/bin/env node
// node bench/console-pages.mjs [--entries=100000] [--redis=redis://127.0.0.1:6379]
// The records console's costs, measured on dist/ (npm run build first):
// - /records and its list requests when the record stream holds --entries entries: the newest
//   page, a page from the middle (before=<cursor>) and the oldest page; paging by cursor
//   should cost the same wherever it is;
// - /records/:id for a 4 MB HTML page with thousands of blocks located in its source.
// Medians of several requests; one line per figure on stdout. Uses its own Redis prefix and
// temp folder, removed after.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist');
const args = process.argv.slice(2);
const flag = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ENTRIES = Number(flag('entries', '100000'));
const REDIS_URL = flag('redis', 'redis://127.0.0.1:6379');
const STORED = 1000;

const { startDashboard } = await import(join(dist, 'dashboard/index.js'));
const { loadConfig } = await import(join(dist, 'config.js'));
const { createLogger } = await import(join(dist, 'log.js'));
const { FsOutputStore } = await import(join(dist, 'stores/fs/fs-output-store.js'));
const { FsRawStore } = await import(join(dist, 'stores/fs/fs-raw-store.js'));
const { clean } = await import(join(dist, 'clean/index.js'));
const { recordsStreamKey } = await import(join(dist, 'record-events/index.js'));

const prefix = `bench-console-${randomUUID()}`;
const dir = await mkdtemp(join(tmpdir(), 'scour-console-bench-'));
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const store = new FsOutputStore(join(dir, 'out'));
const raw = new FsRawStore(join(dir, 'raw'));
const config = loadConfig({ prefix, dataDir: dir, port: 0, logLevel: 'silent' }, {});
const dashboard = await startDashboard({ config, redis, store, raw, logger: createLogger('silent') });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timeGet(path, times = 15) {
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const res = await fetch(dashboard.url + path);
    const body = await res.arrayBuffer();
    ms.push(performance.now() - t);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
    bytes = body.byteLength;
  }
  return { ms: median(ms), bytes };
}
const line = (what, { ms, bytes }) => process.stdout.write(`${what.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  ${String(bytes).padStart(9)} bytes\n`);

try {
  // Records in the store, and ENTRIES stream events cycling over them.
  process.stderr.write(`writing ${STORED} records and ${ENTRIES} stream events…\n`);
  const ids = [];
  for (let i = 0; i < STORED; i++) {
    const bytes = Buffer.from(`date 2021-07-${String((i % 28) + 1).padStart(2, '0')}\n\nHeadline number ${i}\n\n${'A sentence of the story, told at some length. '.repeat(40)}\n`);
    const result = clean({ bytes, name: `n${i}.txt`, receivedAt: new Date().toISOString() }, { processedAt: new Date().toISOString(), pipelineVersion: 'bench' });
    if (!result.ok) throw new Error(`bench input ${i} rejected: ${result.reason}`);
    await store.writeRecord(result.record);
    ids.push(result.record.id);
  }
  const stream = recordsStreamKey(prefix);
  for (let start = 0; start < ENTRIES; start += 5000) {
    const multi = redis.multi();
    for (let i = start; i < Math.min(ENTRIES, start + 5000); i++) multi.xadd(stream, '*', 'id', ids[i % STORED], 'status', 'record', 'store', 'file');
    await multi.exec();
  }
  const all = await redis.xrange(stream, '-', '+', 'COUNT', 1);
  const middle = (await redis.xrevrange(stream, '+', '-', 'COUNT', Math.floor(ENTRIES / 2)))?.at(-1)?.[0];
  const oldest = all[0]?.[0];

  line('GET /records (page shell)', await timeGet('/records'));
  line(`GET /api/records?status=all (newest 50 of ${ENTRIES})`, await timeGet('/api/records?status=all'));
  line(`GET /api/records?status=all&before=<middle> (50)`, await timeGet(`/api/records?status=all&before=${middle}`));
  line(`GET /api/records?status=all&after=<oldest> (50)`, await timeGet(`/api/records?status=all&after=${oldest}`));
  line(`GET /api/records?status=all&limit=200&before=<middle>`, await timeGet(`/api/records?status=all&limit=200&before=${middle}`));

  // A 4 MB HTML page: thousands of paragraphs, navigation and teasers between them.
  const parts = ['<html><head><title>Big page</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><article><h1>A very long story</h1>'];
  let size = 0;
  for (let i = 0; size < 4_000_000; i++) {
    const p = `<p>Paragraph ${i} of the long story says something about the matter at hand, with enough words to count as body text for the cleaner.</p>`;
    const aside = i % 20 === 0 ? `<aside class="related"><a href="/r${i}">Related story ${i}</a></aside>` : '';
    parts.push(p, aside);
    size += p.length + aside.length;
  }
  parts.push('</article><footer>Copyright</footer></body></html>');
  const bytes = Buffer.from(parts.join(''));
  const result = clean({ bytes, name: 'big.html', receivedAt: new Date().toISOString() }, { processedAt: new Date().toISOString(), pipelineVersion: 'bench', maxBytes: 16 << 20 });
  if (!result.ok) {
    process.stdout.write(`4 MB page rejected by clean(): ${result.reason} (${result.detail}); record page not measured\n`);
  } else {
    await store.writeRecord(result.record);
    await raw.put(result.record.id, bytes);
    process.stderr.write(`4 MB page: ${bytes.length} bytes, ${result.record.stats.paragraphs} paragraphs, ${result.record.removed.length} removed blocks\n`);
    line(`GET /records/:id (${(bytes.length / 1e6).toFixed(1)} MB HTML source)`, await timeGet(`/records/${result.record.id}`, 5));
  }
} finally {
  await dashboard.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await rm(dir, { recursive: true, force: true });
}
