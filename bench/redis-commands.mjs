#!/usr/bin/env node
// Counts the Redis commands a file costs end to end (issue 18): a running pipeline (producer +
// K workers, file stores, its own prefix), Redis MONITOR over N small text files, each command
// attributed to the client that sent it (CLIENT LIST name: scour-producer, scour-worker, …).
// Idle traffic is measured over the same time with no files and subtracted.
//   node bench/redis-commands.mjs [--files=N] [--workers=K] [--paced-ms=MS] [--redis=URL]
// --paced-ms spaces the drops (default 0: all at once); a paced run shows one job's commands
// without the batching a burst allows.
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'node:net';
import { textPool, writeGeneratedFiles } from './lib/inputs.mjs';
import { sleep } from './lib/measure.mjs';
import { openPipeline, waitForOutputs } from './lib/pipeline-run.mjs';
import { connectOrNull } from './lib/redis.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const n = Number(flag('files') ?? 100);
const workers = Number(flag('workers') ?? 2);
const pacedMs = Number(flag('paced-ms') ?? 0);
const redisUrl = flag('redis') ?? 'redis://127.0.0.1:6379';
const log = (msg) => process.stderr.write(`redis-commands: ${msg}\n`);

const redis = await connectOrNull(redisUrl);
if (!redis) throw new Error(`no Redis at ${redisUrl}`);
const pool = textPool(root, join(root, '..', 'shared'));
const dataDir = mkdtempSync(join(tmpdir(), 'scour-rc-'));
const staging = join(dataDir, 'staging');
const files = writeGeneratedFiles(staging, n, pool, 'rc');
const pipeline = await openPipeline({ root, redis, redisUrl, keyPrefix: 'rc', workers, log, dataDir });

/** addr → client name of this pipeline's connections (and the bench's). */
async function clientNames() {
  const names = new Map();
  for (const line of (await redis.client('LIST')).split('\n')) {
    const addr = /addr=(\S+)/.exec(line)?.[1];
    const name = /name=(\S*)/.exec(line)?.[1];
    if (addr) names.set(addr, name || '?');
  }
  return names;
}

/** MONITOR (a plain socket: one "+ts [db addr] "cmd" "arg"…" line per command) while `act` runs. */
async function monitor(act) {
  const url = new URL(redisUrl);
  const socket = createConnection(Number(url.port || 6379), url.hostname);
  const seen = [];
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\r\n');
    buffered = lines.pop();
    for (const line of lines) {
      const m = /^\+[\d.]+ \[\d+ (\S+)\] (.*)$/.exec(line);
      if (!m) continue;
      const cmdArgs = [...m[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]);
      seen.push({ source: m[1], args: cmdArgs });
    }
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('MONITOR\r\n');
  await sleep(100);
  await act();
  await sleep(200);
  socket.destroy();
  return seen;
}

/** Commands grouped by client role and command name (EVALSHA shown with the script's first key kind). */
function tally(seen, names, ours) {
  const counts = new Map();
  for (const { source, args: a } of seen) {
    // Commands a Lua script runs show with source "lua": Redis's work, not round trips.
    const role = source === 'lua' ? '(in scripts)' : (names.get(source) ?? '?').replace(/^.*:w:.*$/, 'bullmq-blocking');
    if (!ours.has(source)) continue;
    let cmd = String(a[0]).toLowerCase();
    if (cmd === 'evalsha' || cmd === 'eval') cmd += ` ${String(a[3] ?? '').replace(pipeline.prefix, 'P').replace(/[0-9a-f]{8,}/g, '<h>').replace(/:\d+$/, ':<n>')}`;
    const key = `${role}\t${cmd}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

try {
  const names = await clientNames();
  const benchAddrs = new Set([...names].filter(([, name]) => name === 'scour-bench').map(([addr]) => addr));
  let busyMs = 0;
  const busy = await monitor(async () => {
    const started = Date.now();
    for (const f of files) {
      renameSync(join(staging, f.name), join(pipeline.inbox, f.name));
      if (pacedMs) await sleep(pacedMs);
    }
    await waitForOutputs(pipeline, n, { pollMs: 20, log });
    busyMs = Date.now() - started;
  });
  const idle = await monitor(() => sleep(busyMs));
  const names2 = await clientNames();
  // This pipeline's connections: those that named one of its keys (the bench's own excepted).
  const ours = new Set([...busy, ...idle].filter((c) => c.source !== 'lua' && !benchAddrs.has(c.source) && c.args.some((a) => String(a).includes(pipeline.prefix))).map((c) => c.source));
  ours.add('lua');
  log(`${ours.size - 1} pipeline connections: ${[...ours].map((a) => names2.get(a) ?? '?').join(', ')}`);
  const b = tally(busy, names2, ours);
  const i = tally(idle, names2, ours);
  const rows = [...new Set([...b.keys(), ...i.keys()])].map((k) => [k, b.get(k) ?? 0, i.get(k) ?? 0]).sort((x, y) => y[1] - y[2] - (x[1] - x[2]));
  let total = 0;
  let sent = 0;
  console.log(`${n} files, ${workers} workers, ${busyMs} ms busy (idle window of the same length subtracted)`);
  console.log('role\tcommand\tbusy\tidle\tper file');
  for (const [k, bc, ic] of rows) {
    const per = (bc - ic) / n;
    total += per;
    if (!k.startsWith('(in scripts)')) sent += per;
    console.log(`${k}\t${bc}\t${ic}\t${per.toFixed(2)}`);
  }
  console.log(`sent by the pipeline per file\t\t\t\t${sent.toFixed(2)}`);
  console.log(`run by Redis per file (scripts' commands included)\t\t\t\t${total.toFixed(2)}`);
} finally {
  await pipeline.close();
  redis.disconnect();
}
