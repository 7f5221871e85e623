import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStats } from '../src/metrics/pipeline-stats.js';
import { COUNTER_METRICS, cumulativeBuckets, formatPipelineMetrics, HISTOGRAM_METRICS, QUEUE_METRIC, QUEUE_STATES, REJECTIONS_METRIC } from '../src/metrics/prometheus-text.js';
import { QUEUE_NAME } from '../src/queue/clean-queue.js';
import { REDIS_URL, startHarness, type Harness } from './fixtures/dashboard/harness.js';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every sample line of a text exposition, by series (name plus labels). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    expect(match, `not a sample line: ${line}`).not.toBeNull();
    out.set(match![1]!, Number(match![2]));
  }
  return out;
}

describe('/healthz', () => {
  it('answers 200 when Redis answers and the queue is readable', async () => {
    const h = await startHarness();
    try {
      const res = await h.get('/healthz');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, redis: true, writable: true, queue: true, reason: null });
    } finally {
      await h.cleanup();
    }
  });

  it('answers 503 when Redis is unreachable, without hanging', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: await closedPort(), maxRetriesPerRequest: null, retryStrategy: () => 200 });
    redis.on('error', () => undefined);
    const h = await startHarness({}, { redis, healthTimeoutMs: 300 });
    try {
      const started = Date.now();
      const res = await h.get('/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, redis: false, writable: false, queue: false, reason: "Redis does not answer" });
      expect(Date.now() - started).toBeLessThan(5000);
      // Routes that need Redis answer 503 after their wait (5 s) instead of hanging.
      const [records, metrics] = await Promise.all([h.get('/api/records'), h.get('/metrics')]);
      expect(records.status).toBe(503);
      expect(((await records.json()) as { code: string }).code).toBe('SCOUR_ERR_REDIS_UNAVAILABLE');
      expect(metrics.status).toBe(503);
    } finally {
      await h.cleanup();
    }
  });
});

describe('/metrics', () => {
  let h: Harness;
  let text = '';

  beforeAll(async () => {
    h = await startHarness();
    // Two clients stand for two worker processes: the dashboard must report their sum.
    const other = new Redis(REDIS_URL);
    await recordStats(h.redis, h.prefix, {
      counters: { files_ingested: 2, bytes_ingested: 2048, records_written: 1, bytes_processed: 1000 },
      rejections: { 'no-article': 1 },
      observe: { clean_duration_seconds: 0.003, job_duration_seconds: 0.02 },
    });
    await recordStats(other, h.prefix, {
      counters: { files_ingested: 1, bytes_ingested: 100, records_written: 1, job_failures: 2, duplicates_skipped: 4 },
      rejections: { 'no-article': 1, 'too-short': 3 },
      observe: { clean_duration_seconds: 0.2, job_duration_seconds: 30 },
    });
    await recordStats(other, h.prefix, { observe: { clean_duration_seconds: 0.0049 } });
    other.disconnect();
    const queue = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
    await queue.add('clean', { n: 1 });
    await queue.add('clean', { n: 2 });
    await queue.add('clean', { n: 3 }, { delay: 60_000 });
    await queue.close();
    const res = await h.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    text = await res.text();
  });
  afterAll(async () => h.cleanup());

  it('reports the pipeline counters summed across processes', () => {
    const s = samples(text);
    expect(s.get('scour_files_ingested_total')).toBe(3);
    expect(s.get('scour_bytes_ingested_total')).toBe(2148);
    expect(s.get('scour_records_written_total')).toBe(2);
    expect(s.get('scour_bytes_processed_total')).toBe(1000);
    expect(s.get('scour_job_failures_total')).toBe(2);
    expect(s.get('scour_duplicates_skipped_total')).toBe(4);
    expect(s.get('scour_rejections_total{reason="no-article"}')).toBe(2);
    expect(s.get('scour_rejections_total{reason="too-short"}')).toBe(3);
  });

  it('turns stored bucket counts into cumulative histograms', () => {
    const s = samples(text);
    expect(s.get('scour_clean_duration_seconds_bucket{le="0.001"}')).toBe(0);
    expect(s.get('scour_clean_duration_seconds_bucket{le="0.005"}')).toBe(2);
    expect(s.get('scour_clean_duration_seconds_bucket{le="0.1"}')).toBe(2);
    expect(s.get('scour_clean_duration_seconds_bucket{le="0.25"}')).toBe(3);
    expect(s.get('scour_clean_duration_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(s.get('scour_clean_duration_seconds_count')).toBe(3);
    expect(s.get('scour_clean_duration_seconds_sum')).toBeCloseTo(0.2079, 6);
    // 30 s is above the last bound: only +Inf counts it.
    expect(s.get('scour_job_duration_seconds_bucket{le="10"}')).toBe(1);
    expect(s.get('scour_job_duration_seconds_bucket{le="+Inf"}')).toBe(2);
    expect(s.get('scour_job_duration_seconds_count')).toBe(2);
  });

  it('reports queue counts by state and Node process metrics, with HELP and TYPE for each family', () => {
    const s = samples(text);
    expect(s.get('scour_queue_jobs{state="waiting"}')).toBe(2);
    expect(s.get('scour_queue_jobs{state="delayed"}')).toBe(1);
    expect(s.get('scour_queue_jobs{state="failed"}')).toBe(0);
    expect(s.get('scour_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(s.get('scour_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect([...s.keys()].some((k) => k.startsWith('scour_nodejs_heap_size_used_bytes'))).toBe(true);
    expect([...s.keys()].every((k) => k.startsWith('scour_'))).toBe(true);
    expect(text).toContain('# TYPE scour_job_duration_seconds histogram');
    expect(text).toContain('# TYPE scour_queue_jobs gauge');
    expect(text).toContain('# TYPE scour_rejections_total counter');
    for (const family of ['scour_files_ingested_total', 'scour_clean_duration_seconds', 'scour_queue_jobs']) {
      expect(text.split('\n').filter((l) => l.startsWith(`# HELP ${family} `))).toHaveLength(1);
    }
  });
});

describe('Prometheus text formatting', () => {
  it('keeps +Inf equal to the count even if a writer died between its increments', () => {
    const rows = cumulativeBuckets({ buckets: new Map([[0.01, 1], [Infinity, 1]]), count: 3, sum: 1 });
    expect(rows.at(-1)).toEqual(['+Inf', 3]);
    expect(rows.find(([le]) => le === '0.01')).toEqual(['0.01', 1]);
  });

  it('escapes label values taken from Redis', () => {
    const stats = {
      counters: { files_ingested: 0, bytes_ingested: 0, records_written: 0, bytes_processed: 0, job_failures: 0, duplicates_skipped: 0, raw_requeued: 0, records_updated: 0 },
      rejections: { 'we"ird\\reason\nx': 1 },
      histograms: {
        job_duration_seconds: { buckets: new Map(), count: 0, sum: 0 },
        clean_duration_seconds: { buckets: new Map(), count: 0, sum: 0 },
        drop_to_output_seconds: { buckets: new Map(), count: 0, sum: 0 },
      },
    };
    const text = formatPipelineMetrics(stats, null);
    expect(text).toContain('scour_rejections_total{reason="we\\"ird\\\\reason\\nx"} 1');
    expect(text).not.toContain('scour_queue_jobs');
  });
});

describe('docs/dashboard.md', () => {
  it('documents every pipeline metric and queue state the dashboard exposes', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', 'docs', 'dashboard.md'), 'utf8');
    const names = [...COUNTER_METRICS, ...HISTOGRAM_METRICS, REJECTIONS_METRIC, QUEUE_METRIC].map((m) => m.name);
    for (const name of names) expect(docs, name).toContain(`| \`${name}\` |`);
    for (const state of QUEUE_STATES) expect(docs, state).toContain(`\`${state}\``);
  });
});
