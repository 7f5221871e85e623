import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { goldenSlugs, loadGolden } from './golden.js';

/** One seed dump: its own file name (000_6eafac174bebf0a1.txt…) and where its one copy lives. */
export interface Seed {
  name: string;
  path: string;
}

/**
 * The five seeds of ../shared/seeds, kept once in the project as the golden pages
 * tests/golden/seed-NNN-…/source.txt (with their original names in expected.json), in name order.
 */
export const SEEDS: readonly Seed[] = goldenSlugs()
  .filter((slug) => slug.startsWith('seed-'))
  .map((slug) => {
    const page = loadGolden(slug);
    return { name: page.expected.name, path: join(page.dir, page.sourceFile) };
  })
  .sort((a, b) => a.name.localeCompare(b.name));

export const SEED_NAMES: readonly string[] = SEEDS.map((seed) => seed.name);

export function seedPath(prefix: string): string {
  const seed = SEEDS.find((s) => s.name.startsWith(prefix));
  if (!seed) throw new Error(`seed ${prefix} missing from tests/golden`);
  return seed.path;
}

/** Copies the seeds under their own names into dir (made if absent), for the CLI and the inbox, which read folders; returns dir. */
export function copySeeds(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const seed of SEEDS) copyFileSync(seed.path, join(dir, seed.name));
  return dir;
}
