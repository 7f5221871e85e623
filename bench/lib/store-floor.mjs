// What a small file's bytes cost on disk, apart from the queue, the stories and the cleaning
// (issue 18 target 1): the pipeline's CPU per file is read against clean() alone, and this
// says how much of that budget the durable file work itself takes. Two figures, each in a fresh
// node process on the pipeline's own staged files, 4 files in flight (a worker's concurrency):
//  - stores: scour's own store calls for one file, as the producer and a worker make them:
//    the inbox file opened and claimed into the raw store (hard link, fsync, folder fsync),
//    the inbox name removed, the raw bytes read back, the record written (JSON, temp file,
//    fsync, rename, folder fsync, summary line) and the raw entry kept (rename, folder fsyncs);
//  - disk: the floor any durable pipeline pays: read the file, write its JSON to a temp file,
//    fsync, rename, remove the input.
// The records are made by clean() before the clock starts; 200 files warm the code first.
//   node bench/lib/store-floor.mjs DIST DIR LIST   prints {"stores": ms, "disk": ms}
import { closeSync, copyFileSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInFreshProcess } from './fresh-process.mjs';

const WARMUP_FILES = 200;
const IN_FLIGHT = 4;
const PROCESSED_AT = '2026-11-23T00:00:00.000Z';

/** CPU ms (user + kernel) per file of each floor, on the files staged in dir, in a fresh process. */
export function storeFloorPerFile(dist, dir, files) {
  return measureInFreshProcess(fileURLToPath(import.meta.url), dist, dir, files);
}

const load = (dist, path) => import(pathToFileURL(join(dist, path)).href);

async function measure(dist, dir, names) {
  const { clean } = await load(dist, 'clean/index.js');
  const { FsRawStore } = await load(dist, 'stores/fs/fs-raw-store.js');
  const { FsOutputStore } = await load(dist, 'stores/fs/fs-output-store.js');
  const { openInputFile } = await load(dist, 'producers/open-input-file.js');
  const records = new Map();
  for (const name of names) {
    const result = clean({ bytes: readFileSync(join(dir, name)), name, receivedAt: PROCESSED_AT }, { processedAt: PROCESSED_AT });
    if (result.ok) records.set(name, result.record);
  }
  const work = [...records.keys()];
  const data = mkdtempSync(join(tmpdir(), 'scour-floor-'));
  try {
    const inbox = join(data, 'inbox');
    mkdirSync(inbox);
    const raw = new FsRawStore(join(data, 'raw'));
    const output = new FsOutputStore(join(data, 'out'));
    const viaStores = async (name) => {
      const path = join(inbox, name);
      const { key } = await raw.addFile(openInputFile(path, inbox), { claim: true, name });
      unlinkSync(path);
      await raw.get(key, { inFlightOnly: true });
      await output.writeRecord(records.get(name));
      await raw.keep(key);
    };
    const out = join(data, 'disk');
    mkdirSync(out);
    const onDisk = async (name) => {
      const path = join(inbox, name);
      readFileSync(path);
      const temp = join(out, `.tmp-${name}`);
      const fd = openSync(temp, 'w');
      writeSync(fd, `${JSON.stringify(records.get(name), null, 2)}\n`);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(temp, join(out, `${name}.json`));
      unlinkSync(path);
    };
    const figures = {};
    for (const [label, step] of [['stores', viaStores], ['disk', onDisk]]) {
      const stage = (batch) => batch.forEach((name) => copyFileSync(join(dir, name), join(inbox, name)));
      stage(work.slice(0, WARMUP_FILES));
      await inFlight(work.slice(0, WARMUP_FILES), step);
      const measured = work.slice(WARMUP_FILES);
      stage(measured);
      const before = process.cpuUsage();
      await inFlight(measured, step);
      const used = process.cpuUsage(before);
      figures[label] = Math.round(((used.user + used.system) / 1000 / measured.length) * 1000) / 1000;
    }
    await output.close();
    return figures;
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

/** Runs step over names, IN_FLIGHT at a time. */
async function inFlight(names, step) {
  let next = 0;
  const lane = async () => {
    while (next < names.length) await step(names[next++]);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, dir, list] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await measure(dist, dir, JSON.parse(readFileSync(list, 'utf8'))))}\n`);
}
