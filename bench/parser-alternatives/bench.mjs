// Speed: CPU seconds (process.cpuUsage, user+system) to parse every page of a set, several alternating rounds.
// usage: node --expose-gc bench.mjs [rounds] [set ...] > bench-out.txt
import { CANDIDATES, loadSet, SETS } from './lib.mjs';

const rounds = Number(process.argv[2] ?? 5);
const sets = process.argv.slice(3).length ? process.argv.slice(3) : Object.keys(SETS);
const REF = 'scour parseDocument';
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const cpu = (t0) => { const d = process.cpuUsage(t0); return (d.user + d.system) / 1e6; };

async function run(fn, pages) {
  globalThis.gc?.();
  const t0 = process.cpuUsage();
  let keep = 0;
  for (const p of pages) {
    let r = fn(p);
    if (r && typeof r.then === 'function') r = await r;
    if (r) keep++;
  }
  return [cpu(t0), keep];
}

for (const set of sets) {
  const pages = loadSet(set);
  const mb = pages.reduce((s, p) => s + p.bytes.length, 0) / 1e6;
  console.log(`\n##### ${set}: ${pages.length} pages, ${mb.toFixed(1)} MB UTF-8`);
  const jobs = [];
  for (const [name, c] of Object.entries(CANDIDATES)) {
    jobs.push([name, 'parse', c.parse]);
    if (c.tree && c.tree !== c.parse && !c.domhandler) jobs.push([name, 'parse+tree', c.tree]);
  }
  const times = new Map(jobs.map(([n, m]) => [`${n}|${m}`, []]));
  for (const [, , fn] of jobs) await run(fn, pages.slice(0, 20)); // warm-up
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...jobs].reverse() : jobs; // alternate the order
    for (const [n, m, fn] of order) times.get(`${n}|${m}`).push((await run(fn, pages))[0]);
    process.stderr.write(`${set} round ${r + 1}/${rounds}\n`);
  }
  const ref = median(times.get(`${REF}|parse`));
  console.log(`| candidate | mode | CPU s (median of ${rounds}) | min | ratio vs scour parseDocument | MB/CPU-s |`);
  console.log('|---|---|---|---|---|---|');
  for (const [k, ts] of times) {
    const [n, m] = k.split('|');
    const med = median(ts);
    console.log(`| ${n} | ${m} | ${med.toFixed(3)} | ${Math.min(...ts).toFixed(3)} | ${(med / ref).toFixed(2)}× | ${(mb / med).toFixed(1)} |`);
  }
}
