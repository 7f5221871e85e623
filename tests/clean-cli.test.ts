import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanRecord } from '../src/schemas/index.js';
import { copySeeds, SEED_NAMES } from './helpers/seeds.js';

const REPO = join(import.meta.dirname, '..');
/** The seeds under their own names in a folder of their own: the CLI cleans folders. */
const SEEDS = copySeeds(mkdtempSync(join(tmpdir(), 'scour-clean-cli-seeds-')));

function scour(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(REPO, 'bin/scour.js'), ...args], { encoding: 'utf8', cwd: REPO });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let work: string;

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  work = mkdtempSync(join(tmpdir(), 'scour-clean-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(SEEDS, { recursive: true, force: true });
});

describe('scour clean without --out: JSON lines on stdout', () => {
  it('prints one valid record per seed, in name order', () => {
    const run = scour(['clean', SEEDS]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toHaveLength(SEED_NAMES.length);
    const records = lines.map((l) => CleanRecord.parse(l));
    expect(records.map((r) => r.source.name)).toEqual(SEED_NAMES);
    expect(records[0]!.date).toBe('2020-11-27');
    // 004 says only "on Friday": its story (with 003, dated 2021-07-09) lends it the day.
    expect(records[4]!.date).toBe('2021-07-09');
    expect(records[4]!.dateEvidence?.source).toBe('story');
  });

  it('resolves "on Friday" only with --reference-date, never from file times', () => {
    const seed = join(SEEDS, SEED_NAMES.find((n) => n.startsWith('004'))!);
    const without = CleanRecord.parse(JSON.parse(scour(['clean', seed]).stdout));
    expect(without.date).toBeNull();
    const withRef = CleanRecord.parse(JSON.parse(scour(['clean', '--reference-date', '2021-07-10', seed]).stdout));
    expect(withRef).toMatchObject({ date: '2021-07-09', dateEvidence: { source: 'relative' } });
  });

  it('prints a rejection line with the input name', () => {
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '  \n');
    const run = scour(['clean', empty]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: false, reason: 'empty', detail: expect.any(String), name: 'empty.txt' });
  });
});

describe('scour clean --out DIR', () => {
  it('writes DIR/<name without .txt/.html/.htm/.gz>.json per input, folders searched recursively', () => {
    const inbox = join(work, 'inbox');
    mkdirSync(join(inbox, 'nested'), { recursive: true });
    copyFileSync(join(SEEDS, SEED_NAMES[0]!), join(inbox, 'first.txt'));
    writeFileSync(join(inbox, 'nested', 'second.txt.gz'), gzipSync(readFileSync(join(SEEDS, SEED_NAMES[1]!))));
    writeFileSync(join(inbox, 'page.htm'), '<!doctype html><html><body><p>short</p></body></html>');
    writeFileSync(join(inbox, 'blank.txt'), '');
    writeFileSync(join(inbox, 'notes.json'), '{}');
    const out = join(work, 'out');
    const run = scour(['clean', '--out', out, inbox]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['blank.json', 'first.json', 'nested', 'page.json']);
    expect(readdirSync(join(out, 'nested'))).toEqual(['second.json']);
    const first = CleanRecord.parse(JSON.parse(readFileSync(join(out, 'first.json'), 'utf8')));
    expect(first).toMatchObject({ publisher: 'AT News', dateline: 'KABUL', source: { name: 'first.txt', format: 'text' } });
    const second = CleanRecord.parse(JSON.parse(readFileSync(join(out, 'nested', 'second.json'), 'utf8')));
    expect(second.title).toMatch(/^Qureshi urges close coordination/);
    expect(second.source.name).toBe(join('nested', 'second.txt.gz'));
    expect(JSON.parse(readFileSync(join(out, 'blank.json'), 'utf8'))).toMatchObject({ ok: false, reason: 'empty', name: 'blank.txt' });
    expect(JSON.parse(readFileSync(join(out, 'page.json'), 'utf8'))).toHaveProperty('ok');
  });
});

describe('scour clean: bad input', () => {
  it('rejects a malformed --reference-date with one clear line and exit 2', () => {
    const run = scour(['clean', '--reference-date', '2021-7-1', SEEDS]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['scour: invalid setting --reference-date="2021-7-1": YYYY-MM-DD']);
    expect(run.stdout).toBe('');
  });

  it('rejects a --reference-date that is no real day (2021-13-40) with one clear line and exit 2', () => {
    const run = scour(['clean', '--reference-date', '2021-13-40', SEEDS]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['scour: invalid setting --reference-date="2021-13-40": not a real day (YYYY-MM-DD)']);
    expect(run.stdout).toBe('');
  });

  it('rejects a non-numeric --max-bytes', () => {
    const run = scour(['clean', '--max-bytes', 'lots', SEEDS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^scour: invalid setting --max-bytes="lots"/);
  });

  it('reports a missing input on stderr, still cleans the others, exits 1', () => {
    const run = scour(['clean', join(work, 'does-not-exist.txt'), join(SEEDS, SEED_NAMES[2]!)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read .*does-not-exist\.txt/);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });
});
