import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const newest = (dir: string, suffix: string): number => {
  let max = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) max = Math.max(max, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return max;
};

/**
 * Tests run TypeScript sources, but the processes they spawn (`node bin/scour.js …`) run
 * dist/. `npm test` builds first; a test file run alone rebuilds here when src is newer.
 * A lock folder keeps parallel test files from building at the same time.
 */
export async function ensureDist(): Promise<void> {
  const dist = join(REPO_ROOT, 'dist');
  const stale = () => !existsSync(join(dist, 'cli', 'main.js')) || newest(join(REPO_ROOT, 'src'), '.ts') > newest(dist, '.js');
  if (!stale()) return;
  const lock = join(REPO_ROOT, 'tests', '.tmp', 'build.lock');
  mkdirSync(join(REPO_ROOT, 'tests', '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (stale()) execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
