// Section "stories": what grouping records into stories adds, next to the same run without it.
// CPU: on the scrapinghub HTML pages, clean() (which computes the fingerprint), the fingerprint
// alone, and placement in the in-memory and the Redis index (this process's CPU time, so Redis's
// own work is not in it), in alternating rounds. Memory: the bytes Redis holds per indexed
// record (MEMORY USAGE summed over the stories keys of a fresh prefix, all pages and dumps).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { htmlPages, readSet } from '../lib/inputs.mjs';
import { median, round } from '../lib/measure.mjs';
import { deletePrefix } from '../lib/redis.mjs';

const TARGET_ADDED_SHARE = 0.1;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function storiesSection({ dist, evalDir, redis, keyPrefix, quick, log }) {
  const { clean } = await import(`${dist}/clean/index.js`);
  const { fingerprint } = await import(`${dist}/clean/fingerprint.js`);
  const { MemoryStoryIndex } = await import(`${dist}/stories/memory-index.js`);
  const { RedisStoryIndex } = await import(`${dist}/stories/redis-index.js`);
  const { placeRecord } = await import(`${dist}/stories/place-in-worker.js`);
  const at = '2026-12-01T00:00:00.000Z';
  const pages = htmlPages(evalDir);
  if (!pages) throw new Error(`no ${evalDir}/scrapinghub/html`);
  const dumps = readSet(join(evalDir, 'scrapinghub', 'text'), '.txt') ?? [];
  const run = (p) => clean({ bytes: p.bytes, name: p.name, receivedAt: at }, { processedAt: at });
  const records = pages.map(run).filter((r) => r.ok).map((r) => r.record);
  const dumpRecords = dumps.map(run).filter((r) => r.ok).map((r) => r.record);
  const rounds = quick ? 2 : 5;
  const per = { clean: [], fingerprint: [], memory: [], redis: [] };
  const prefixes = [];
  log(`stories: ${records.length} HTML records, ${rounds} alternating round(s) of clean(), fingerprint, and placement in memory and in Redis…`);
  for (let r = 0; r < rounds; r++) {
    let t = cpuMs();
    for (const p of pages) run(p);
    per.clean.push((cpuMs() - t) / pages.length);
    t = cpuMs();
    for (const rec of records) fingerprint(rec.body);
    per.fingerprint.push((cpuMs() - t) / records.length);
    const memory = new MemoryStoryIndex();
    t = cpuMs();
    for (const rec of records) await placeRecord(rec, memory);
    per.memory.push((cpuMs() - t) / records.length);
    const prefix = `${keyPrefix}-${randomUUID()}`;
    prefixes.push(prefix);
    const index = new RedisStoryIndex(redis, { prefix });
    t = cpuMs();
    for (const rec of records) await placeRecord(rec, index);
    per.redis.push((cpuMs() - t) / records.length);
    await index.close();
  }
  // Memory: every HTML record and every dump record of the set in one fresh index.
  const prefix = `${keyPrefix}-${randomUUID()}`;
  prefixes.push(prefix);
  const index = new RedisStoryIndex(redis, { prefix });
  const all = [...records, ...dumpRecords];
  for (const rec of all) await placeRecord(rec, index);
  await index.close();
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:stories:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      keys++;
    }
  } while (cursor !== '0');
  for (const p of prefixes) await deletePrefix(redis, p);

  const m = Object.fromEntries(Object.entries(per).map(([k, v]) => [k, median(v)]));
  const added = (m.fingerprint + m.redis) / (m.clean - m.fingerprint);
  const result = {
    stories_clean_ms_per_html_page: round(m.clean, 3),
    stories_fingerprint_ms: round(m.fingerprint, 3),
    stories_place_memory_ms: round(m.memory, 3),
    stories_place_redis_cpu_ms: round(m.redis, 3),
    stories_added_cpu_share: round(added, 3),
    stories_redis_bytes_per_record: Math.round(bytes / all.length),
    stories_redis_keys_per_record: round(keys / all.length, 1),
  };
  return {
    result,
    rows: [
      ['clean() per HTML page (fingerprint included), CPU', `${result.stories_clean_ms_per_html_page} ms`, '', `${records.length} pages`],
      ['fingerprint alone (inside clean())', `${result.stories_fingerprint_ms} ms`, '', ''],
      ['placement, in-memory index (scour clean)', `${result.stories_place_memory_ms} ms`, '', ''],
      ['placement, Redis index (this process\'s CPU)', `${result.stories_place_redis_cpu_ms} ms`, '', ''],
      ['Redis memory per indexed record', `${result.stories_redis_bytes_per_record} B`, `${result.stories_redis_keys_per_record} keys/record`, `${all.length} records`],
    ],
    targets: [{ what: 'stories add < 10% CPU to clean() on HTML pages', value: `${round(added * 100, 1)}%`, pass: added < TARGET_ADDED_SHARE }],
  };
}
