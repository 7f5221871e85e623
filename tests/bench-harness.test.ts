import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { median, percentile } from '../bench/lib/measure.mjs';
import { formatReport } from '../bench/lib/report.mjs';
import { ensureDist, REPO_ROOT } from './helpers/ensure-dist.js';
import { TEST_REDIS_URL } from './helpers/redis-prefix.js';

// Smoke tests of `npm run bench`'s harness on tiny inputs: that every section runs, its
// figures land under the documented --json keys, and the pipeline runs leave nothing
// behind in Redis. No timing is asserted: figures on a shared 2-core machine are noise.

const run = promisify(execFile);
const FIXTURE_EVAL = join(REPO_ROOT, 'tests', 'fixtures', 'bench', 'eval');

// The bench's --json line, probed key by key (nested too) by the assertions below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function bench(args: string[]): Promise<{ json: Record<string, any>; stdout: string; stderr: string }> {
  const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bench', 'run.mjs'), '--json', ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = stdout.trimEnd().split('\n');
  return { json: JSON.parse(lines.at(-1)!), stdout, stderr };
}

/** Keys under this run's own prefix only: other bench runs may share the Redis meanwhile. */
async function keyCount(keyPrefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}-*`, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  } finally {
    redis.disconnect();
  }
}

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const PG_SKIPPED = 'e2e on PostgreSQL stores:';

/** Schemas of this run's prefix left in PostgreSQL (the e2e rounds on PostgreSQL drop theirs). */
async function schemaCount(keyPrefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_namespace WHERE starts_with(nspname, $1)', [`${keyPrefix}-`]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('bench helpers', () => {
  it('median and nearest-rank percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 50)).toBe(50);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 99)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('the report prints aligned rows, free lines, PASS/MISS per target and skipped sections', () => {
    const text = formatReport(
      {
        result: { machine: { cores: 2, cpu: 'test CPU', node: 'v20' }, quick: true },
        rows: [['short', '1 x/s', '', ''], ['a much longer label', '22 x/s', 'ratio', 'note'], 'free line'],
        targets: [
          { what: 'fast enough', value: '3×', pass: true },
          { what: 'small enough', value: '900 MB', pass: false },
        ],
        skipped: ['memory: no Redis'],
      },
      { date: '2026-11-23' },
    );
    expect(text).toContain('2026-11-23, node v20, 2 cores (test CPU), --quick');
    expect(text).toMatch(/^short {16}1 x\/s$/m);
    expect(text).toMatch(/^free line$/m);
    expect(text).toMatch(/PASS {2}fast enough +3×/);
    expect(text).toMatch(/MISS {2}small enough +900 MB/);
    expect(text).toContain('skipped memory: no Redis');
  });
});

describe('npm run bench (tiny inputs)', () => {
  beforeAll(async () => {
    await ensureDist();
  }, 120_000);

  it('clean, growth, profile and watcher: clean() and Readability on the same pages, text dumps, large inputs at n and 4n, the slowest stage, the watcher at n and 5n files', async () => {
    const { json, stdout } = await bench(['--quick', '--only=clean,growth,profile,watcher', `--eval=${FIXTURE_EVAL}`, '--watcher-files=20']);
    expect(json.clean_html_pages).toBe(2);
    expect(json.clean_html_pages_per_s).toBeGreaterThan(0);
    expect(json.readability_pages_per_s).toBeGreaterThan(0);
    expect(json.clean_html_vs_readability).toBeGreaterThan(0);
    expect(json.clean_text_docs).toBe(4);
    expect(json.clean_text_docs_per_s).toBeGreaterThan(0);
    expect(Object.keys(json.clean_text_by_set).sort()).toEqual(['dates-htmldate', 'scrapinghub']);
    for (const format of ['html', 'text']) {
      const stages = json[`profile_${format}_ms_per_page`];
      expect(stages.clean).toBeGreaterThan(0);
      expect(Object.keys(stages)).toContain(json[`profile_${format}_slowest_stage`]);
      expect(json[`profile_${format}_hot_functions`].length).toBeGreaterThan(0);
    }
    for (const shape of Object.values(json.clean_growth as Record<string, { ms: number; ms_4n: number; growth: number }>)) {
      expect(shape.ms_4n).toBeGreaterThan(0);
      // ms are rounded to 0.1 in the report, growth is taken before rounding.
      expect(Math.abs(shape.growth - shape.ms_4n / shape.ms) / shape.growth).toBeLessThan(0.1);
    }
    expect(Object.keys(json.clean_growth)).toHaveLength(5);
    expect(Object.keys(json.watcher)).toEqual(['20', '100']);
    expect(json.watcher['100'].files_per_s).toBeGreaterThan(0);
    expect(Object.values(json.targets).every((v) => v === 'PASS' || v === 'MISS')).toBe(true);
    expect(stdout).toMatch(/(PASS|MISS) {2}clean\(\) ≥ 20× Readability\+jsdom on HTML/);
    // Sections not asked for are still present as null keys.
    expect(json).toMatchObject({ e2e_files_per_s: null, noop_ceiling_per_s: null, e2e_p99_ms: null, peak_rss_mb: null });
  });

  it('a missing eval folder skips the clean section with a message', async () => {
    const { json, stdout } = await bench(['--quick', '--only=clean', '--eval=/nonexistent/eval']);
    expect(json.clean_html_pages_per_s).toBeNull();
    expect(json.clean_text_docs_per_s).toBeNull();
    expect(stdout).not.toContain('Readability');
  });

  it('e2e and memory: every dropped file reaches the store, on the file and the PostgreSQL stores in alternating rounds, against the no-op ceiling; Redis and PostgreSQL are left clean', async () => {
    const keyPrefix = `bench-test-${randomUUID().slice(0, 8)}`;
    const { json, stdout, stderr } = await bench(['--quick', '--only=e2e,memory', '--files=30', '--memory-files=30', '--paced-s=1', '--budget-s=90', '--e2e-rounds=2', `--pg=${POSTGRES_URL}`, `--key-prefix=${keyPrefix}`, `--eval=${FIXTURE_EVAL}`]);
    // Only the PostgreSQL rounds may be skipped (no server here): the rest of the bench runs.
    expect(json.skipped.filter((s: string) => !s.startsWith(PG_SKIPPED))).toEqual([]);
    expect(json.e2e_complete).toBe(true);
    expect(json.e2e_rounds).toBe(2);
    expect(json.e2e_files_per_s_rounds).toHaveLength(2);
    expect(json.e2e_files_per_s_min).toBeLessThanOrEqual(json.e2e_files_per_s);
    if (json.e2e_pg_skipped === null) {
      expect(json.e2e_pg_complete).toBe(true);
      expect(Object.values(json.e2e_pg_outputs as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(30);
      expect(json.e2e_pg_files_per_s_rounds).toHaveLength(2);
      expect(json.e2e_pg_files_per_s).toBeGreaterThan(0);
      expect(json.e2e_pg_vs_file).toBeGreaterThan(0);
      expect(json.e2e_pg_vs_file_rounds).toHaveLength(2);
      for (const role of ['producer', 'workers', 'redis']) expect(json.e2e_pg_cpu_ms_per_file[role]).toBeGreaterThan(0);
      // The server's CPU is read where its processes are in this machine's /proc. 30 tiny files
      // may cost the pipeline's own backends less than one clock tick (10 ms), so only the form
      // of the figure is checked here; the bench's real runs give its size.
      if (json.e2e_pg_cpu_ms_per_file.postgres !== undefined) {
        expect(Number.isFinite(json.e2e_pg_cpu_ms_per_file.postgresPipeline)).toBe(true);
        expect(json.e2e_pg_cpu_ms_per_file.postgresPipeline).toBeGreaterThanOrEqual(0);
      }
      expect(stderr).toContain(`PostgreSQL stores (schema ${keyPrefix}-`);
      expect(await schemaCount(keyPrefix)).toBe(0);
    } else {
      expect(stdout).toContain('end-to-end on PostgreSQL stores: skipped');
    }
    expect(Object.values(json.e2e_outputs as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(30);
    expect(json.e2e_files_per_s).toBeGreaterThan(0);
    expect(json.noop_ceiling_per_s).toBeGreaterThan(0);
    expect(json.workers_drain_per_s).toBeGreaterThan(0);
    expect(json.e2e_p99_ms).toBeGreaterThanOrEqual(json.e2e_p50_ms);
    // Issue 18: a small file's CPU through the pipeline against clean()'s on the same files, and
    // the fixture's HTML pages end to end against `scour clean` with the same process count.
    expect(json.e2e_cpu_ms_per_small_file).toBeGreaterThan(0);
    expect(json.clean_cpu_ms_per_small_file).toBeGreaterThan(0);
    expect(json.e2e_cpu_vs_clean_rounds).toHaveLength(2);
    expect(json.e2e_html_files).toBe(2);
    expect(json.e2e_html_files_per_s).toBeGreaterThan(0);
    expect(json.offline_html_files_per_s).toBeGreaterThan(0);
    expect(json.e2e_html_vs_offline_rounds).toHaveLength(2);
    expect(stdout).toMatch(/(PASS|MISS) {2}CPU per small file through the pipeline ≤ 3× clean\(\)'s/);
    expect(stdout).toMatch(/(PASS|MISS) {2}HTML pages end to end ≥ 0\.9× scour clean/);
    expect(json.memory_outputs).toBe(30);
    expect(json.peak_rss_mb).toBeGreaterThan(0);
    // The runs did use the prefix (so the count below is of their keys), and removed them all.
    expect(stderr).toContain(`prefix ${keyPrefix}-`);
    expect(await keyCount(keyPrefix)).toBe(0);
  }, 240_000);

  it('e2e without a PostgreSQL server: the file stores run, the PostgreSQL rows are skipped with a line and null keys', async () => {
    const { json, stdout } = await bench(['--quick', '--only=e2e', '--files=10', '--paced-s=0', '--budget-s=90', '--e2e-rounds=1', '--pg=postgres://postgres@127.0.0.1:5999/test', `--eval=${FIXTURE_EVAL}`]);
    expect(json.e2e_complete).toBe(true);
    expect(json.e2e_files_per_s).toBeGreaterThan(0);
    expect(json).toMatchObject({ e2e_pg_files_per_s: null, e2e_pg_cpu_ms_per_file: null, e2e_pg_rounds: 0 });
    expect(json.e2e_pg_skipped).toContain('no PostgreSQL answers at 127.0.0.1:5999');
    expect(json.skipped).toEqual([`${PG_SKIPPED} ${json.e2e_pg_skipped}`]);
    expect(stdout).toMatch(/^end-to-end on PostgreSQL stores: skipped, no PostgreSQL answers at 127\.0\.0\.1:5999/m);
  }, 120_000);

  it('plumbing: each role profiled under --cpu-prof on the burst only, clean() inside the workers\' share; Redis left clean', async () => {
    const keyPrefix = `bench-test-${randomUUID().slice(0, 8)}`;
    const { json, stdout } = await bench(['--quick', '--only=plumbing', '--files=40', '--budget-s=90', `--key-prefix=${keyPrefix}`]);
    expect(json.skipped).toEqual([]);
    expect(json.plumbing_files).toBe(40);
    for (const role of ['producer', 'worker']) {
      const profile = json.plumbing_profile[role];
      expect(profile.totalMs).toBeGreaterThan(0);
      expect(profile.places.length).toBeGreaterThan(0);
    }
    // Every file is cleaned in a worker, none in the producer.
    expect(json.plumbing_profile.worker.within['clean()']).toBeGreaterThan(0);
    expect(json.plumbing_profile.producer.within['clean()']).toBe(0);
    expect(stdout).toMatch(/^worker: .* inside clean\(\) /m);
    expect(await keyCount(keyPrefix)).toBe(0);
  }, 120_000);
});
