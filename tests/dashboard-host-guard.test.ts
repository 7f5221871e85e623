import { request as httpRequest } from 'node:http';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostOfHeader, isAllowedHost, isDestructiveBoardAction } from '../src/dashboard/request-guards.js';
import { QUEUE_NAME } from '../src/queue/clean-queue.js';
import { makeRecord, REDIS_URL, startHarness, type Harness } from './fixtures/dashboard/harness.js';

const TOKEN = 'correct-horse-battery-staple-42';

/** One request with a Host header of our choosing (fetch does not let a page or a test set it). */
function send(url: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'GET' ? undefined : '{}');
  });
}

/** Every kind of route: read API, metrics, health, bull-board page, its API, an unknown path. */
const ROUTES = ['/api/records', '/metrics', '/healthz', '/queues', `/queues/api/queues`, '/nowhere'];

describe('Host header rule (real server, real Redis)', () => {
  it('parses Host headers and applies the rule', () => {
    expect(hostOfHeader('127.0.0.1:3000')).toBe('127.0.0.1');
    expect(hostOfHeader('[::1]:3000')).toBe('::1');
    expect(hostOfHeader('LocalHost.')).toBe('localhost');
    expect(hostOfHeader('a:b:c')).toBeNull();
    expect(hostOfHeader(undefined)).toBeNull();
    const open = { tokenSet: false, publicHosts: [] };
    const guarded = { tokenSet: true, publicHosts: ['scour.example.org'] };
    for (const host of ['localhost', '127.0.0.1', '::1']) expect(isAllowedHost(host, open), host).toBe(true);
    for (const host of ['attacker.example', '10.1.2.3', 'localhost.attacker.example', null]) expect(isAllowedHost(host, open), String(host)).toBe(false);
    for (const host of ['scour.example.org', '10.1.2.3', '::1']) expect(isAllowedHost(host, guarded), host).toBe(true);
    expect(isAllowedHost('attacker.example', guarded)).toBe(false);
    expect(isDestructiveBoardAction('PUT', '/queues/api/queues/clean/empty')).toBe(true);
    expect(isDestructiveBoardAction('PUT', '/queues/api/queues/clean/retry/failed')).toBe(false);
    expect(isDestructiveBoardAction('PUT', '/queues/api/queues/clean/abc/retry')).toBe(false);
    expect(isDestructiveBoardAction('GET', '/queues/api/queues')).toBe(false);
  });

  describe('without a token (loopback)', () => {
    let h: Harness;
    let queue: Queue;
    beforeAll(async () => {
      h = await startHarness();
      await h.write(makeRecord('host-1'));
      queue = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix: h.prefix });
      await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'clean', data: { n: i } })));
    });
    afterAll(async () => {
      await queue.close();
      await h.cleanup();
    });

    it('refuses every route when the Host is a foreign name (DNS rebinding)', async () => {
      for (const path of ROUTES) {
        const answer = await send(h.url, 'GET', path, { host: 'attacker.example' });
        expect(answer.status, path).toBe(421);
        expect(answer.body).toContain('SCOUR_ERR_BAD_HOST');
      }
      for (const path of ['/api/records', '/healthz', '/queues']) {
        expect((await send(h.url, 'GET', path, { host: `localhost:${new URL(h.url).port}` })).status, path).toBeLessThan(400);
      }
    });

    it("the torture run's attack (pause, empty, resume) fails both through a rebound name and straight at loopback", async () => {
      const port = new URL(h.url).port;
      for (const host of ['attacker.example', `127.0.0.1:${port}`]) {
        for (const path of ['/queues/api/queues/pause', `/queues/api/queues/${QUEUE_NAME}/empty`, `/queues/api/queues/${QUEUE_NAME}/obliterate`, `/queues/api/queues/${QUEUE_NAME}/clean/completed`, '/queues/api/queues/resume']) {
          const answer = await send(h.url, 'PUT', path, { host });
          expect(answer.status, `${host} ${path}`).toBe(host === 'attacker.example' ? 421 : 403);
        }
        expect((await send(h.url, 'POST', `/queues/api/queues/${QUEUE_NAME}/add`, { host })).status).toBeGreaterThanOrEqual(403);
      }
      expect(await queue.getWaitingCount()).toBe(20);
      expect(await queue.isPaused()).toBe(false);
    });

    it('retries stay allowed without a token', async () => {
      const answer = await send(h.url, 'PUT', `/queues/api/queues/${QUEUE_NAME}/retry/failed`, { host: `127.0.0.1:${new URL(h.url).port}` });
      expect(answer.status).toBeLessThan(300);
    });
  });

  describe('with a token', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ dashboardToken: TOKEN, publicHosts: 'scour.example.org, Other.Example.org' });
    });
    afterAll(async () => h.cleanup());

    it('serves the configured public names and IP addresses, refuses other names even with the token', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      for (const host of ['scour.example.org', 'other.example.org:443', '10.1.2.3:3000', 'localhost']) {
        expect((await send(h.url, 'GET', '/api/records', { ...auth, host })).status, host).toBe(200);
      }
      for (const path of ROUTES) expect((await send(h.url, 'GET', path, { ...auth, host: 'attacker.example' })).status, path).toBe(421);
      // The token, not the Host, opens the destructive actions.
      expect((await send(h.url, 'PUT', '/queues/api/queues/pause', { host: 'scour.example.org' })).status).toBe(401);
      expect((await send(h.url, 'PUT', '/queues/api/queues/pause', { ...auth, host: 'scour.example.org' })).status).toBeLessThan(300);
      expect((await send(h.url, 'PUT', '/queues/api/queues/resume', { ...auth, host: 'scour.example.org' })).status).toBeLessThan(300);
    });
  });
});
