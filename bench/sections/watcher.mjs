// Section "watcher": the inbox watcher alone (dist/producers/inbox-watcher.js) in this
// process, its `ingest` a bare unlink, so that only finding files and checking they are
// stable is timed. Files are dropped into a watched inbox at two sizes, n and 5n: the
// files/s of both are compared. A watcher whose cost per file is O(1) keeps the same rate;
// one that re-reads the folder per event (chokidar: O(n²)) loses most of it at 5n.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedFiles } from '../lib/inputs.mjs';
import { round, sleep } from '../lib/measure.mjs';

/** The bigger inbox at 5× the smaller one keeps at least this share of its files/s. */
const TARGET_KEPT_RATE = 0.5;
const STALL_MS = 60_000;

async function dropAndDrain({ dist, pool, files, stableMs }) {
  const { InboxWatcher } = await import(`${dist}/producers/inbox-watcher.js`);
  const dir = mkdtempSync(join(tmpdir(), 'scour-bench-'));
  const inbox = join(dir, 'inbox');
  const staging = join(dir, 'staging');
  const written = writeGeneratedFiles(staging, files, pool, 'watch');
  let done = 0;
  const quiet = () => undefined;
  const watcher = new InboxWatcher({
    inbox,
    stableMs,
    gate: { wait: async () => undefined },
    logger: { info: quiet, debug: quiet, warn: quiet, error: quiet },
    ingest: async (path) => {
      await unlink(path);
      done += 1;
    },
  });
  try {
    await watcher.start();
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    for (const f of written) renameSync(join(staging, f.name), join(inbox, f.name));
    let last = 0;
    let lastChange = Date.now();
    while (done < files) {
      await sleep(20);
      if (done !== last) [last, lastChange] = [done, Date.now()];
      if (Date.now() - lastChange > STALL_MS) throw new Error(`the watcher stopped at ${done}/${files} files`);
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { perSecond: files / seconds, cpuMsPerFile: (cpu.user + cpu.system) / 1000 / files };
  } finally {
    await watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function watcherSection({ dist, pool, config, n, log }) {
  const out = { result: {}, rows: [], targets: [] };
  const stableMs = config.stableMs;
  const runs = [];
  for (const files of [n, 5 * n]) {
    log(`watcher: ${files} files dropped into a watched inbox (stableMs ${stableMs}, ingest = unlink)…`);
    const run = await dropAndDrain({ dist, pool, files, stableMs });
    log(`watcher: ${files} files, ${Math.round(run.perSecond)} files/s, ${run.cpuMsPerFile.toFixed(3)} CPU ms/file`);
    runs.push({ files, ...run });
  }
  const [small, big] = runs;
  const kept = big.perSecond / small.perSecond;
  out.result.watcher = Object.fromEntries(runs.map((r) => [r.files, { files_per_s: round(r.perSecond, 0), cpu_ms_per_file: round(r.cpuMsPerFile, 3) }]));
  out.result.watcher_rate_kept_at_5x = round(kept, 2);
  for (const r of runs) out.rows.push([`inbox watcher alone, ${r.files} files`, `${round(r.perSecond, 0)} files/s`, `${round(r.cpuMsPerFile, 3)} CPU ms/file`, '']);
  out.targets.push({ what: `watcher at ${big.files} files keeps ≥ 50% of its rate at ${small.files}`, value: `${Math.round(kept * 100)}%`, pass: kept >= TARGET_KEPT_RATE });
  return out;
}
