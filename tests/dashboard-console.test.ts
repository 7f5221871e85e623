import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { readStats, recordStats } from '../src/metrics/pipeline-stats.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { FsRawStore } from '../src/stores/fs/fs-raw-store.js';
import { processCleanJob } from '../src/workers/process-clean-job.js';
import { makeRecord, makeRejection, rawGet, sha256, startHarness, type Harness } from './fixtures/dashboard/harness.js';
import { openHarness, workerContext } from './helpers/pipeline-harness.js';
import { seedPath } from './helpers/seeds.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * The records console's HTTP side against a real Redis and file store: the raw source route,
 * the server-rendered pages (escaping, CSP, blocks in place), the token and Host rules on
 * every new route, and the chart series the sampler keeps. The browser drives the same pages
 * in browser-console.test.ts.
 */

const TOKEN = 'console-test-token-0123456789';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

/** A record of the seed with the "Popular posts" trailer, as the real cleaner makes it. */
function seedRecord(bytes: Uint8Array, name: string): CleanRecord {
  const result = clean({ bytes, name, receivedAt: '2026-01-01T00:00:00.000Z' }, { processedAt: '2026-01-01T00:00:01.000Z', pipelineVersion: 'test' });
  if (!result.ok) throw new Error(`the seed was rejected: ${result.reason}`);
  return result.record;
}

describe('records console over HTTP (no token)', () => {
  let h: Harness;
  let raw: FsRawStore;
  let seed: CleanRecord;
  let seedBytes: Uint8Array;

  beforeAll(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    raw = new FsRawStore(join(await mkdtemp(join(tmpdir(), 'scour-console-raw-')), 'raw'));
    h = await startHarness({}, { raw, console: { sampleMs: 100 } });
    seedBytes = readFileSync(seedPath('002'));
    seed = seedRecord(seedBytes, '002_812ef95cc0fc6fab.txt');
    await raw.put(seed.id, seedBytes);
    await h.write(seed);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  describe('GET /api/records/:id/source', () => {
    it('returns the exact raw bytes as an attachment, typed by the record format', async () => {
      const res = await h.get(`/api/records/${seed.id}/source`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(seedBytes))).toBe(true);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="002_812ef95cc0fc6fab.txt"');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('sandboxes an HTML source and reduces a hostile name to a safe file name', async () => {
      const bytes = Buffer.from('<html><body><script>alert(document.cookie)</script><p>x</p></body></html>');
      const base = makeRecord('html-source');
      const id = sha256(bytes);
      await h.write({ ...base, id, source: { ...base.source, sha256: id, name: '../../etc/pass"wd;\r\nx.html', format: 'html' } });
      await raw.put(id, bytes);
      const res = await h.get(`/api/records/${id}/source`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="pass_wd_x.html"');
      expect(res.headers.get('content-security-policy')).toContain('sandbox');
    });

    it('serves a rejection source too, as octet-stream', async () => {
      const bytes = Buffer.from('menu menu menu');
      const base = makeRejection('rejected-source');
      const id = sha256(bytes);
      await h.write({ ...base, id, source: { ...base.source, sha256: id } });
      await raw.put(id, bytes);
      const res = await h.get(`/api/records/${id}/source`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(await res.text()).toBe('menu menu menu');
    });

    it('answers 404 SCOUR_ERR_SOURCE_GONE once the raw bytes are no longer kept, and 400 for a bad id', async () => {
      const record = makeRecord('no-raw');
      await h.write(record);
      const gone = await h.get(`/api/records/${record.id}/source`);
      expect(gone.status).toBe(404);
      expect(await gone.json()).toMatchObject({ code: 'SCOUR_ERR_SOURCE_GONE' });
      expect((await h.get('/api/records/..%2f..%2fetc/source')).status).toBe(400);
      expect((await rawGet(h.url, '/api/records/../../etc/passwd/source')).status).not.toBe(200);
    });
  });

  describe('GET /records', () => {
    it('is an HTML page with the filter form, a strict CSP and no inline script', async () => {
      const res = await h.get('/records');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const body = await res.text();
      expect(body).toContain('<form class="filters"');
      for (const name of ['q', 'status', 'from', 'to', 'publisher', 'language', 'reason', 'story']) expect(body).toContain(`name="${name}"`);
      // Every script has a src: nothing for a strict CSP to refuse.
      expect(body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/console/assets/console.js" defer>']);
    });

    it('escapes the query it echoes into the form', async () => {
      const body = await (await h.get(`/records?q=${encodeURIComponent(`"><${'script'}>x`)}`)).text();
      expect(body).toContain('value="&quot;&gt;&lt;script&gt;x"');
      expect(body).not.toContain('"><script>x');
    });

    it('serves its script and stylesheet', async () => {
      const js = await h.get('/console/assets/console.js');
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toContain('text/javascript');
      expect(await js.text()).toContain('/api/records?');
      expect((await h.get('/console/assets/console.css')).status).toBe(200);
      expect((await h.get('/console/assets/constructor')).status).toBe(404);
      expect((await h.get('/console/assets/..%2f..%2fpackage.json')).status).toBe(404);
    });
  });

  describe('GET /records/:id', () => {
    it('shows the record with its removed blocks marked in place in the source, with kind and reason', async () => {
      const res = await h.get(`/records/${seed.id}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<h1>Pakistan, US stress close coordination for meaningful progress in Afghan peace process</h1>');
      expect(body).toContain('<pre class="source">');
      expect(body).toMatch(/<span class="blk removed" data-kind="boilerplate" title="removed: boilerplate · boilerplate-phrase"><span class="tag">[^<]*<\/span>Skip to main content<\/span>/);
      expect(body).toMatch(/data-kind="trailer" title="removed: trailer · trailer-marker: Comments"><span class="tag">[^<]*<\/span>Comments<\/span>/);
      expect(body).toContain('Popular posts from this blog</span>');
      expect(body).toMatch(/<span class="blk kept" title="kept: body">Foreign Minister Shah Mahmood Qureshi Friday/);
      // Links: the raw source, the stored JSON, and the job in bull-board.
      expect(body).toContain(`href="/api/records/${seed.id}/source"`);
      expect(body).toContain(`href="/api/records/${seed.id}"`);
      expect(body).toContain(`href="/queues/queue/clean/${seed.id}"`);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('escapes hostile record text everywhere it is shown', async () => {
      const base = makeRecord('hostile');
      const record: CleanRecord = {
        ...base,
        title: HOSTILE,
        byline: HOSTILE,
        body: `First ${HOSTILE} paragraph.`,
        source: { ...base.source, url: 'javascript:alert(3)', name: HOSTILE },
        removed: [{ kind: 'boilerplate', text: HOSTILE, reason: `why ${HOSTILE}` }],
      };
      await h.write(record);
      const body = await (await h.get(`/records/${record.id}`)).text();
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('href="javascript:');
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // Its raw bytes were never stored: the removed blocks are listed instead.
      expect(body).toContain('no longer kept');
      expect(body).toContain('<tr class="removed-row"><td>boilerplate</td><td>why &lt;script&gt;');
    });

    it('shows a rejection with its reason and detail', async () => {
      const rejection = { ...makeRejection('rejected-page'), detail: `no article: ${HOSTILE}` };
      await h.write(rejection);
      const body = await (await h.get(`/records/${rejection.id}`)).text();
      expect(body).toContain('<td class="reason">no-article</td>');
      expect(body).toContain('no article: &lt;script&gt;');
      expect(body).toContain(`href="/api/rejected/${rejection.id}"`);
    });

    it('answers 404 for an unknown id and 400 for a malformed one, as pages', async () => {
      const unknown = await h.get(`/records/${sha256('nothing')}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('No record');
      const bad = await h.get(`/records/${encodeURIComponent('<b>x</b>')}`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).not.toContain('<b>x</b>');
    });
  });

  describe('GET /api/console/series', () => {
    it('turns sampled counters into per-minute files in, records, rejections and drop-to-output percentiles', async () => {
      // The sampler took its baseline at start; these arrive after it.
      await recordStats(h.redis, h.prefix, { counters: { files_ingested: 3, records_written: 2 }, rejections: { 'too-short': 1 }, observe: { drop_to_output_seconds: 0.4 } });
      await recordStats(h.redis, h.prefix, { observe: { drop_to_output_seconds: 0.4 } });
      type Series = { points: Array<{ filesIn: number; records: number; rejections: Record<string, number>; p50: number | null; p99: number | null; queueDepth: number | null; workers: number | null }>; samples: number; workers: unknown[] | null };
      let series: Series | null = null;
      await waitFor(
        async () => {
          series = (await (await h.get('/api/console/series')).json()) as Series;
          return series.points.reduce((n, p) => n + p.filesIn, 0) === 3;
        },
        10_000,
        'a sample with the new counts',
      );
      const points = series!.points;
      expect(points.length).toBeGreaterThanOrEqual(60);
      expect(points.reduce((n, p) => n + p.records, 0)).toBe(2);
      expect(points.reduce((n, p) => n + (p.rejections['too-short'] ?? 0), 0)).toBe(1);
      const latest = points.filter((p) => p.p50 !== null);
      expect(latest.length).toBeGreaterThan(0);
      // Both observations fell in (0.25, 0.5]: the estimate lies inside that bucket.
      expect(latest.at(-1)!.p50).toBeGreaterThan(0.25);
      expect(latest.at(-1)!.p99).toBeLessThanOrEqual(0.5);
      expect(points.at(-1)!.queueDepth).toBe(0);
      expect(Array.isArray(series!.workers)).toBe(true);
    });
  });
});

describe('records console with a token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dashboardToken: TOKEN });
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('asks for the token on every console route', async () => {
    const id = sha256('x');
    for (const path of ['/records', `/records/${id}`, '/charts', '/console/assets/console.js', '/api/console/series', `/api/records/${id}/source`]) {
      const res = await h.get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { code: string }).code, path).toBe('SCOUR_ERR_UNAUTHORIZED');
      expect((await h.get(path, { authorization: `Bearer ${TOKEN}` })).status, path).not.toBe(401);
    }
  });

  it('refuses a foreign Host before any console route runs', async () => {
    const res = await rawGet(h.url, '/records', { host: 'attacker.example', authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(421);
  });

  it('sets the cookie from ?token= on /records, as it does on /queues', async () => {
    const res = await h.get(`/records?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('scour_token=');
  });
});

describe('drop-to-output latency', () => {
  it('is observed by the worker that finishes a job, from the job receivedAt', async () => {
    const p = await openHarness();
    try {
      const bytes = readFileSync(seedPath('000'));
      const key = sha256(bytes);
      await p.raw.put(key, bytes);
      const received = Date.parse('2026-01-01T00:00:00.000Z');
      const job = { id: key, data: { rawKey: key, name: 'seed.txt', bytes: bytes.length, receivedAt: new Date(received).toISOString() }, attemptsMade: 0, opts: { attempts: 1 } };
      await processCleanJob(job, workerContext(p, clean, { now: () => received + 2400 }));
      const h = (await readStats(p.redis, p.prefix)).histograms.drop_to_output_seconds;
      expect(h.count).toBe(1);
      expect(h.sum).toBeCloseTo(2.4, 6);
      expect(h.buckets.get(2.5)).toBe(1);
    } finally {
      await p.close();
    }
  });
});
