// Inputs of the benchmark: the eval sets beside the project (../shared/eval) for clean()
// throughput, and generated inbox files for the pipeline runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Files of dir ending in suffix, sorted, as { name, bytes } (bytes after `transform`). */
export function readSet(dir, suffix, transform = (b) => b) {
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => ({ name: f.replace(/\.gz$/, ''), bytes: transform(readFileSync(join(dir, f))) }));
}

/** The scrapinghub HTML pages, gunzipped up front so decompression is never timed. */
export const htmlPages = (evalDir) => readSet(join(evalDir, 'scrapinghub', 'html'), '.html.gz', (b) => gunzipSync(b));

/** The text dumps, per set: { scrapinghub: [...], 'dates-htmldate': [...] } (absent sets left out). */
export function textSets(evalDir) {
  const sets = {};
  for (const set of ['scrapinghub', 'dates-htmldate']) {
    const pages = readSet(join(evalDir, set, 'text'), '.txt');
    if (pages?.length) sets[set] = pages;
  }
  return sets;
}

/** The five seeds, kept once in the project as tests/golden/seed-NNN-…/source.txt. */
function goldenSeeds(goldenDir) {
  if (!existsSync(goldenDir)) return [];
  return readdirSync(goldenDir)
    .filter((slug) => slug.startsWith('seed-') && existsSync(join(goldenDir, slug, 'source.txt')))
    .sort()
    .map((slug) => ({ name: `${slug}.txt`, bytes: readFileSync(join(goldenDir, slug, 'source.txt')) }));
}

export const megabytes = (pages) => pages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Pipeline inputs are "small text files": dumps over this size are left out of the pool. */
const MAX_POOL_BYTES = 8 * 1024;

/**
 * Real text dumps to build inbox files from: the seeds and the eval text dumps up to 8 KB
 * (falling back to the seeds kept in tests/golden/seed-NNN-…/source.txt on a clone without ../shared).
 */
export function textPool(root, sharedDir) {
  const dirs = [
    join(sharedDir, 'seeds'),
    join(sharedDir, 'eval', 'scrapinghub', 'text'),
    join(sharedDir, 'eval', 'dates-htmldate', 'text'),
  ];
  let pool = dirs.flatMap((dir) => readSet(dir, '.txt') ?? []).filter((p) => p.bytes.length <= MAX_POOL_BYTES);
  if (pool.length === 0) pool = goldenSeeds(join(root, 'tests', 'golden'));
  return pool.map((p) => p.bytes.toString('utf8'));
}

/**
 * Writes n inbox-ready files into dir: real dumps from the pool, each with one unique
 * closing line so that no two hash alike (same bytes would be one job). Returns
 * [{ name, sha }] in write order.
 */
export function writeGeneratedFiles(dir, n, pool, label) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const content = `${pool[i % pool.length].trimEnd()}\n\nReference ${label}-${i}.\n`;
    const name = `${label}-${String(i).padStart(6, '0')}.txt`;
    writeFileSync(join(dir, name), content);
    files.push({ name, sha: sha256(content) });
  }
  return files;
}
