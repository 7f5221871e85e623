// The parse's share of clean(): CPU of clean() over a set vs scour's parseDocument and parsePage
// on the same (decoded) pages, alternating, in one process. usage: node --expose-gc share.mjs [rounds] [set ...]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadSet, SETS } from './lib.mjs';
const { clean } = await import(new URL('../../dist/', import.meta.url).href + 'clean/index.js');
const { parseDocument } = await import(new URL('../../dist/', import.meta.url).href + 'clean/page/page-parser.js');
const { parsePage } = await import(new URL('../../dist/', import.meta.url).href + 'clean/page/parse-page.js');
const rounds = Number(process.argv[2] ?? 3);
const sets = process.argv.slice(3).length ? process.argv.slice(3) : Object.keys(SETS);
const cpu = (t0) => { const d = process.cpuUsage(t0); return (d.user + d.system) / 1e6; };
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const options = { processedAt: '2026-11-23T00:00:00.000Z' };
for (const set of sets) {
  const inputs = readdirSync(SETS[set]).sort().map((f) => ({ bytes: gunzipSync(readFileSync(join(SETS[set], f))), name: f, receivedAt: options.processedAt }));
  const pages = loadSet(set);
  const jobs = {
    'clean()': () => { for (const i of inputs) clean(i, options); },
    'parseDocument (decoded text in)': () => { for (const p of pages) parseDocument(p.text); },
    'parsePage (guards + parse + cheerio load + index)': () => { for (const p of pages) parsePage(p.text); },
  };
  for (const f of Object.values(jobs)) f();
  const t = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) for (const [k, f] of r % 2 ? Object.entries(jobs).reverse() : Object.entries(jobs)) { globalThis.gc?.(); const t0 = process.cpuUsage(); f(); t[k].push(cpu(t0)); }
  const c = median(t['clean()']);
  console.log(`\n${set}: ${inputs.length} pages`);
  for (const [k, v] of Object.entries(t)) console.log(`  ${k}: ${median(v).toFixed(3)} CPU s (${(100 * median(v) / c).toFixed(1)}% of clean())`);
}
