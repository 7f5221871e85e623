import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, REPO_ROOT } from './helpers/ensure-dist.js';
import { makeTempDir } from './helpers/temp-dir.js';

/**
 * The package as npm would install it: `npm pack`, unpacked into a fresh project's
 * node_modules (its dependencies linked from this checkout, so no network), then imported by
 * its name and entry points, and type-checked from a TypeScript file that imports them.
 */
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

describe('the packed package', () => {
  let dir: { path: string; remove(): Promise<void> };
  let project: string;
  beforeAll(async () => {
    await ensureDist();
    dir = await makeTempDir('pack');
    // --ignore-scripts: "prepare" would build again; ensureDist has built dist/.
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir.path], { cwd: REPO_ROOT, encoding: 'utf8' });
    const tarball = join(dir.path, out.trim().split('\n').pop()!);
    project = join(dir.path, 'project');
    const modules = join(project, 'node_modules');
    mkdirSync(modules, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', modules]);
    renameSync(join(modules, 'package'), join(modules, pkg.name));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(modules, pkg.name, 'node_modules'), 'dir');
    symlinkSync(join(REPO_ROOT, 'node_modules', '@types'), join(modules, '@types'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  }, 60_000);
  afterAll(() => dir?.remove());

  it('is published under a name of its own, keeping the `scour` command', () => {
    // "scour" on npm is an unrelated package: `npx scour` outside a checkout would run it.
    expect(pkg.name).toBe('scour-news');
    expect(pkg.bin).toEqual({ scour: 'bin/scour.js' });
    expect(readdirSync(join(project, 'node_modules', pkg.name))).toEqual(expect.arrayContaining(['bin', 'dist', 'package.json', 'schemas']));
  });

  it('imports by name: the package, /clean and /schema', () => {
    const script = `
      const main = await import('${pkg.name}');
      const cleaner = await import('${pkg.name}/clean');
      const schema = await import('${pkg.name}/schema');
      const result = cleaner.clean({ bytes: new TextEncoder().encode(''), name: 'empty.txt', receivedAt: '2024-01-01T00:00:00Z' }, { processedAt: '2024-01-01T00:00:00Z', pipelineVersion: 'x' });
      console.log(JSON.stringify({ main: typeof main.clean, version: main.VERSION, record: typeof schema.CleanRecord?.safeParse, same: main.clean === cleaner.clean, result }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toMatchObject({ main: 'function', record: 'function', same: true, result: { ok: false, reason: 'empty' } });
    expect(out.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('type-checks a TypeScript consumer of each entry point', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { clean, CleanRecord, type CleanResult } from '${pkg.name}';
import { clean as clean2, type CleanOptions } from '${pkg.name}/clean';
import { RejectionRecord, type CleanJob } from '${pkg.name}/schema';
const options: CleanOptions = { processedAt: '2024-01-01T00:00:00Z', pipelineVersion: 'x' };
const result: CleanResult = clean({ bytes: new Uint8Array(), name: 'a', receivedAt: '2024-01-01T00:00:00Z' }, options);
const title: string | null = result.ok ? result.record.title : null;
const job: CleanJob = { rawKey: 'a'.repeat(64), name: 'a', bytes: 0, receivedAt: '2024-01-01T00:00:00Z' };
export { clean2, CleanRecord, RejectionRecord, title, job };
`,
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false', 'consumer.ts'];
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toBe('');
  });
});
