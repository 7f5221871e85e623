import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanRecord } from '../src/schemas/index.js';
import { copySeeds, seedPath } from './helpers/seeds.js';

const REPO = join(import.meta.dirname, '..');
let work: string;

function scour(args: string[]) {
  const run = spawnSync(process.execPath, [join(REPO, 'bin/scour.js'), ...args], { encoding: 'utf8', cwd: REPO });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const readRecord = (path: string): CleanRecord => CleanRecord.parse(JSON.parse(readFileSync(path, 'utf8')));

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  work = mkdtempSync(join(tmpdir(), 'scour-clean-stories-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('scour clean groups its inputs into stories', () => {
  it('the five seeds: 002, 003 and 004 share a story, 000 and 001 have their own, 002 and 004 take 003\'s date', () => {
    const seeds = copySeeds(join(work, 'seeds'));
    const out = join(work, 'out');
    expect(scour(['clean', '--out', out, seeds]).status).toBe(0);
    const byPrefix = new Map(readdirSync(out).map((f) => [f.slice(0, 3), readRecord(join(out, f))]));
    const story = (p: string) => byPrefix.get(p)!.story!.id;
    expect(story('002')).toBe(story('003'));
    expect(story('004')).toBe(story('003'));
    expect(story('000')).toBe(byPrefix.get('000')!.id);
    expect(story('001')).toBe(byPrefix.get('001')!.id);
    expect(new Set([story('000'), story('001'), story('003')]).size).toBe(3);
    for (const p of ['002', '004']) {
      expect(byPrefix.get(p)!.date).toBe('2021-07-09');
      expect(byPrefix.get(p)!.dateEvidence).toMatchObject({ source: 'story', memberId: byPrefix.get('003')!.id });
    }
  });

  it('stdout lines carry the stories too, and --no-stories leaves them out', () => {
    const seeds = copySeeds(join(work, 'seeds-stdout'));
    const lines = (args: string[]) => scour(['clean', ...args, seeds]).stdout.trim().split('\n').map((l) => CleanRecord.parse(JSON.parse(l)));
    const grouped = lines([]);
    expect(new Set(grouped.map((r) => r.story!.id)).size).toBe(3);
    expect(grouped.filter((r) => r.dateEvidence?.source === 'story')).toHaveLength(2);
    const plain = lines(['--no-stories']);
    expect(plain.every((r) => r.story === null && r.dateEvidence?.source !== 'story')).toBe(true);
  });
});

describe('scour clean --out names one file per input', () => {
  it('x.txt and x.html.gz no longer overwrite each other as x.json', () => {
    const inputs = join(work, 'pair');
    const out = join(work, 'pair-out');
    copySeeds(inputs);
    copyFileSync(seedPath('003'), join(inputs, 'x.txt'));
    const html = `<html><head><title>x</title></head><body><article><p>${readFileSync(seedPath('000'), 'utf8').replace(/\n+/g, '</p><p>')}</p></article></body></html>`;
    writeFileSync(join(inputs, 'x.html.gz'), gzipSync(html));
    const run = scour(['clean', '--out', out, inputs]);
    expect(run.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(7);
    expect(files).toContain('x.txt.json');
    expect(files).toContain('x.html.gz.json');
    expect(files).toContain('003_0bf7e92c7f78486c.json');
    expect(readRecord(join(out, 'x.txt.json')).source.name).toBe('x.txt');
    expect(readRecord(join(out, 'x.html.gz.json')).source.name).toBe('x.html.gz');
  });
});
