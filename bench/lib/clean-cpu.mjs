// clean() alone on the pipeline's own inputs, in this process: the baseline the pipeline's
// CPU per file is read against (issue 18: the plumbing no dearer than the cleaning).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const WARMUP_FILES = 200;
const PROCESSED_AT = '2026-11-23T00:00:00.000Z';

/**
 * CPU ms (user + kernel, this process) clean() spends per file on the files staged in dir
 * (`files` as writeGeneratedFiles returns them), after a warm-up pass over the first ones.
 * The files are read up front, so reading them is not counted.
 */
export async function cleanCpuPerFile(dist, dir, files) {
  const { clean } = await import(`${dist}/clean/index.js`);
  const inputs = files.map((f) => ({ bytes: readFileSync(join(dir, f.name)), name: f.name, receivedAt: PROCESSED_AT }));
  const options = { processedAt: PROCESSED_AT };
  for (const input of inputs.slice(0, WARMUP_FILES)) clean(input, options);
  const before = process.cpuUsage();
  for (const input of inputs) clean(input, options);
  const used = process.cpuUsage(before);
  return Math.round(((used.user + used.system) / 1000 / inputs.length) * 1000) / 1000;
}
