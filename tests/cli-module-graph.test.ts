import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, REPO_ROOT } from './helpers/ensure-dist.js';

/**
 * Every scour process loads the command registry. The cleaner, and with it the language
 * model and the HTML parser, must load only in the processes that clean: in the producer
 * they cost ~70 MB of RSS for nothing (issue 18: peak RSS with a 100,000-file inbox).
 */
const importsOf = (args: string[]): string[] => {
  const run = spawnSync(process.execPath, ['--import', join(REPO_ROOT, 'tests', 'helpers', 'trace-imports.mjs'), join(REPO_ROOT, 'bin', 'scour.js'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return [...run.stderr.matchAll(/^scour-import (\S+)$/gm)].map((m) => m[1]!);
};

const CLEANER = /\/dist\/clean\/(index|language|language-model)\.js$|\/node_modules\/(eld|cheerio)\//;

describe('what a scour process loads', () => {
  beforeAll(() => ensureDist(), 120_000);

  it.each(['producer', 'worker', 'dashboard', 'status', 'add'])('`scour %s --help` (the command registry) loads neither the cleaner, the language model nor the HTML parser', (command) => {
    const urls = importsOf([command, '--help']);
    expect(urls.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(urls.filter((url) => CLEANER.test(url))).toEqual([]);
  });

  it('`scour clean` loads the cleaner and the packed language model, not eld', () => {
    const urls = importsOf(['clean', '--no-stories', join(REPO_ROOT, 'tests', 'golden', 'seed-000-kabul-header-date', 'source.txt')]);
    expect(urls.some((url) => url.endsWith('/dist/clean/index.js'))).toBe(true);
    expect(urls.some((url) => url.endsWith('/dist/clean/language-model.js'))).toBe(true);
    expect(urls.filter((url) => url.includes('/node_modules/eld/'))).toEqual([]);
  });
});
