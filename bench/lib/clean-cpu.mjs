// clean() alone on the pipeline's own inputs: the baseline the pipeline's CPU per file is read
// against (issue 18: the plumbing no dearer than the cleaning). Each measurement runs in a
// fresh node process, as each pipeline run's workers are fresh processes: measured in the
// bench's own process, the baseline fell from ~0.8 to ~0.5 ms per file over a session's runs as
// V8 went on optimising the cleaner there, so later rounds were read against a hotter cleaner
// than the first and than the pipeline's.
//   node bench/lib/clean-cpu.mjs DIST DIR LIST   (LIST: a JSON file of the file names) prints the ms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInFreshProcess } from './fresh-process.mjs';

const WARMUP_FILES = 200;
const PROCESSED_AT = '2026-11-23T00:00:00.000Z';

/**
 * CPU ms (user + kernel) clean() spends per file on the files staged in dir (`files` as
 * writeGeneratedFiles returns them), in a fresh process, after a warm-up pass over the first
 * WARMUP_FILES of them. The files are read up front, so reading them is not counted.
 */
export function cleanCpuPerFile(dist, dir, files) {
  return measureInFreshProcess(fileURLToPath(import.meta.url), dist, dir, files);
}

/** The measurement itself, in this process. */
async function measure(dist, dir, names) {
  const { clean } = await import(pathToFileURL(join(dist, 'clean', 'index.js')).href);
  const inputs = names.map((name) => ({ bytes: readFileSync(join(dir, name)), name, receivedAt: PROCESSED_AT }));
  const options = { processedAt: PROCESSED_AT };
  for (const input of inputs.slice(0, WARMUP_FILES)) clean(input, options);
  const before = process.cpuUsage();
  for (const input of inputs) clean(input, options);
  const used = process.cpuUsage(before);
  return Math.round(((used.user + used.system) / 1000 / inputs.length) * 1000) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dist, dir, list] = process.argv.slice(2);
  process.stdout.write(`${await measure(dist, dir, JSON.parse(readFileSync(list, 'utf8')))}\n`);
}
