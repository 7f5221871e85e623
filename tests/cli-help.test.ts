import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, REPO_ROOT } from './helpers/ensure-dist.js';

/** The README's command lines and each command's --help agree with what the commands accept. */
const help = new Map<string, string>();
const helpOf = (command: string): string => {
  if (!help.has(command)) help.set(command, execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'scour.js'), command, '--help'], { encoding: 'utf8' }));
  return help.get(command)!;
};
const flagsIn = (text: string): string[] => [...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]);

describe('command lines', () => {
  beforeAll(() => ensureDist(), 60_000);

  it('every README command line uses a command and flags that exist, and none goes through npx', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/npx scour/);
    const lines = readme.split('\n').filter((line) => /^node bin\/scour\.js \w/.test(line));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const [command, ...rest] = line.replace(/^node bin\/scour\.js /, '').split('#')[0]!.trim().split(/\s+/);
      // "producer | worker | dashboard": each of them.
      const commands = [command!, ...rest.filter((_, i) => rest[i - 1] === '|')];
      for (const name of commands) {
        const text = helpOf(name);
        for (const flag of flagsIn(rest.join(' '))) expect(text, `${line}: ${flag}`).toContain(flag);
      }
    }
  });

  it("each command's --help lists only settings it uses", () => {
    const status = flagsIn(helpOf('status'));
    for (const flag of ['--workers', '--concurrency', '--port', '--host', '--max-waiting', '--max-bytes', '--reference-date', '--raw-retention']) {
      expect(status, flag).not.toContain(flag);
    }
    expect(status).toEqual(expect.arrayContaining(['--data', '--store', '--prefix', '--redis-url', '--json']));
    expect(flagsIn(helpOf('start'))).toEqual(expect.arrayContaining(['--max-bytes', '--raw-retention', '--workers', '--port', '--max-waiting']));
    expect(flagsIn(helpOf('producer'))).not.toContain('--max-bytes');
    expect(flagsIn(helpOf('worker'))).toEqual(expect.arrayContaining(['--max-bytes', '--reference-date', '--raw-retention']));
    expect(flagsIn(helpOf('worker'))).not.toContain('--port');
    expect(helpOf('worker').replace(/\s+/g, ' ')).toContain('SCOUR_RAW_RETENTION, default 7d');
    expect(flagsIn(helpOf('reprocess'))).toEqual(expect.arrayContaining(['--since', '--all']));
  });

  it('reprocess --since takes only a real day or ISO time: one line, exit 2, before touching Redis', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'scour.js'), 'reprocess', '--since', '2021-13-40'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('scour: invalid setting --since="2021-13-40": a real day (YYYY-MM-DD) or an ISO date-time\n');
  });
});
