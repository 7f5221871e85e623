import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
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

  it('e2e and memory: every dropped file reaches the store, against the no-op ceiling; Redis is left clean', async () => {
    const keyPrefix = `bench-test-${randomUUID().slice(0, 8)}`;
    const { json, stderr } = await bench(['--quick', '--only=e2e,memory', '--files=30', '--memory-files=30', '--paced-s=1', '--budget-s=90', `--key-prefix=${keyPrefix}`]);
    expect(json.skipped).toEqual([]);
    expect(json.e2e_complete).toBe(true);
    expect(Object.values(json.e2e_outputs as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(30);
    expect(json.e2e_files_per_s).toBeGreaterThan(0);
    expect(json.noop_ceiling_per_s).toBeGreaterThan(0);
    expect(json.workers_drain_per_s).toBeGreaterThan(0);
    expect(json.e2e_p99_ms).toBeGreaterThanOrEqual(json.e2e_p50_ms);
    expect(json.memory_outputs).toBe(30);
    expect(json.peak_rss_mb).toBeGreaterThan(0);
    // The runs did use the prefix (so the count below is of their keys), and removed them all.
    expect(stderr).toContain(`prefix ${keyPrefix}-`);
    expect(await keyCount(keyPrefix)).toBe(0);
  }, 180_000);
});
