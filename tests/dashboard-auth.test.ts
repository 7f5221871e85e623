import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBindAllowed, isLoopbackHost } from '../src/dashboard/index.js';
import { ConfigError } from '../src/config.js';
import { QUEUE_NAME } from '../src/queue/clean-queue.js';
import { makeRecord, REDIS_URL, startHarness, type Harness } from './fixtures/dashboard/harness.js';

const TOKEN = 'correct-horse-battery-staple-42';

describe('bind rule: beyond loopback only with a token', () => {
  it('knows loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', 'example.com', '128.0.0.1', 'localhost.evil.com']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses to start on a public address without a token, with one clear line', async () => {
    for (const host of ['0.0.0.0', '::']) {
      const attempt = startHarness({ host });
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      const err = (await attempt.catch((e: unknown) => e)) as Error;
      expect(err.message).not.toContain('\n');
      expect(err.message).toContain('SCOUR_DASHBOARD_TOKEN');
      expect(err.message).toContain(host);
    }
    expect(() => assertBindAllowed('0.0.0.0', TOKEN)).not.toThrow();
    expect(() => assertBindAllowed('127.0.0.1', undefined)).not.toThrow();
  });

  it('starts on a public address with a token, and still demands it', async () => {
    const h = await startHarness({ host: '0.0.0.0', dashboardToken: TOKEN });
    try {
      const local = h.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${local}/api/records`)).status).toBe(401);
      expect((await fetch(`${local}/api/records`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await h.cleanup();
    }
  });
});

describe('token check on every route kind', () => {
  let h: Harness;
  let failedJobId = '';
  const record = makeRecord('auth-1');

  beforeAll(async () => {
    h = await startHarness({ dashboardToken: TOKEN });
    await h.write(record);
    // One failed job, so a bull-board action has something real to act on.
    const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE_NAME, { connection, prefix: h.prefix });
    const job = await queue.add('clean', { n: 1 }, { attempts: 1 });
    failedJobId = job.id!;
    const worker = new Worker(QUEUE_NAME, async () => Promise.reject(new Error('boom for the auth test')), { connection, prefix: h.prefix });
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close();
    await queue.close();
  });
  afterAll(async () => h.cleanup());

  // A function: failedJobId is known only once beforeAll has run.
  const routes = (): Array<[method: string, path: string]> => [
    ['GET', '/api/records'],
    ['GET', `/api/records/${record.id}`],
    ['GET', `/api/rejected/${record.id}`],
    ['GET', '/api/events'],
    ['GET', '/api/schema'],
    ['GET', '/metrics'],
    ['GET', '/queues'],
    ['GET', '/queues/queue/clean'],
    ['GET', '/queues/static/favicon-32x32.png'],
    ['GET', '/queues/api/queues'],
    ['GET', `/queues/api/queues/${QUEUE_NAME}/${failedJobId}`],
    ['PUT', `/queues/api/queues/${QUEUE_NAME}/retry/failed`],
    ['PUT', `/queues/api/queues/${QUEUE_NAME}/clean/completed`],
    ['PUT', `/queues/api/queues/${QUEUE_NAME}/obliterate`],
    ['GET', '/'],
    ['GET', '/no-such-route'],
  ];

  it.each([
    ['no credentials', {}],
    ['a wrong bearer token', { authorization: `Bearer ${TOKEN}x` }],
    ['a wrong token of the same length', { authorization: `Bearer ${TOKEN.replace(/.$/, 'X')}` }],
    ['a wrong cookie', { cookie: 'scour_token=nope' }],
    ['the token in another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('answers 401 to every route with %s', async (_label, headers: Record<string, string>) => {
    for (const [method, path] of routes()) {
      const res = await fetch(`${h.url}${path}`, { method, headers, redirect: 'manual' });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    const wrongQuery = await fetch(`${h.url}/queues?token=${TOKEN}x`, { redirect: 'manual' });
    expect(wrongQuery.status).toBe(401);
    expect(wrongQuery.headers.get('set-cookie')).toBeNull();
  });

  it('leaves the failed job alone when an action is refused, and runs it with the token', async () => {
    const jobUrl = `${h.url}/queues/api/queues/${QUEUE_NAME}/${failedJobId}`;
    const retryUrl = `${h.url}/queues/api/queues/${QUEUE_NAME}/retry/failed`;
    const state = async () => {
      const res = await fetch(jobUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { job: { id: string }; status: string }).status;
    };
    expect(await state()).toBe('failed');
    expect((await fetch(retryUrl, { method: 'PUT', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect(await state()).toBe('failed');
    expect((await fetch(retryUrl, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect(await state()).not.toBe('failed');
  });

  it('serves every route kind with the bearer token', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ok = async (path: string) => {
      const res = await fetch(`${h.url}${path}`, { headers: auth });
      expect(res.status, path).toBe(200);
      return res;
    };
    await ok('/api/records');
    expect(await (await ok(`/api/records/${record.id}`)).json()).toEqual(record);
    await ok('/api/schema');
    expect(await (await ok('/metrics')).text()).toContain('scour_records_written_total');
    expect(await (await ok('/queues')).text()).toContain('<html');
    await ok('/queues/api/queues');
    const html = await (await ok('/queues')).text();
    // The UI links its bundles relative to <base href="/queues/">.
    const bundle = /static\/js\/main\.[^"']+\.js/.exec(html)?.[0];
    expect(bundle).toBeDefined();
    const asset = `/queues/${bundle}`;
    await ok(asset);
    expect((await fetch(`${h.url}${asset}`)).status).toBe(401);
  });

  it('lets a browser in with ?token= once, then by an HttpOnly SameSite=Strict cookie', async () => {
    const first = await fetch(`${h.url}/queues?token=${TOKEN}`, { redirect: 'manual' });
    expect(first.status).toBe(200);
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^scour_token=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    expect((await fetch(`${h.url}/queues/api/queues`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${h.url}/api/records`, { headers: { cookie: `other=1; ${cookie}` } })).status).toBe(200);
  });

  it('keeps /healthz open on purpose (it reveals two booleans)', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, redis: true, writable: true, queue: true, reason: null });
    expect((await fetch(`${h.url}/healthz/`)).status).toBe(401);
  });
});
