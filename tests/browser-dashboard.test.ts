import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type RunningDashboard } from '../src/dashboard/index.js';
import { createLogger } from '../src/log.js';
import { startProducer, type ProducerService } from '../src/pipeline/producer-service.js';
import { openRuntime, type Runtime } from '../src/pipeline/runtime.js';
import { startWorkerService, type WorkerService } from '../src/pipeline/worker-service.js';
import { loadConfig } from '../src/config.js';
import { SEEDS } from './helpers/seeds.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(import.meta.dirname, '..', 'test-results', 'dashboard.png');
const TOKEN = 'browser-test-token-0123456789';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run does this)`);

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The operator's view end to end: the real pipeline (inbox watcher → BullMQ → worker running
 * clean() → output store) processes the five seeds, then Debian's chromium opens bull-board
 * through the token cookie flow and must show the clean queue's 5 completed jobs.
 */
describe.skipIf(!hasChromium)(`browser: bull-board on a pipeline that processed the seeds (needs ${CHROMIUM})`, () => {
  let runtime: Runtime;
  let producer: ProducerService;
  let worker: WorkerService;
  let dashboard: RunningDashboard;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scour-browser-'));
    const config = loadConfig({ prefix: `test-${randomUUID()}`, dataDir: dir, port: 0, logLevel: 'silent', stableMs: 100, dashboardToken: TOKEN }, {});
    const logger = createLogger('silent');
    runtime = await openRuntime(config, logger);
    producer = await startProducer(runtime);
    worker = startWorkerService(runtime);
    dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, logger });

    // Copy beside the inbox, then rename in: the watcher sees only whole files.
    const staging = join(dir, 'staging');
    await mkdir(staging, { recursive: true });
    for (const { name, path } of SEEDS) {
      await copyFile(path, join(staging, name));
      await rename(join(staging, name), join(runtime.paths.inbox, name));
    }
    await waitFor(async () => (await producer.queue.getJobCounts('completed')).completed === 5, 60_000, 'five completed jobs');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await worker?.close();
    await producer?.close();
    if (runtime) {
      const keys = await runtime.redis.keys(`${runtime.config.prefix}:*`);
      if (keys.length) await runtime.redis.del(...keys);
      await runtime.close();
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('wrote one output per seed', async () => {
    expect((await runtime.output.count('records')) + (await runtime.output.count('rejected'))).toBe(5);
  });

  it('shows the clean queue with 5 completed jobs, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      // Without the token the browser gets nothing.
      expect((await page.goto(`${dashboard.url}/queues`))?.status()).toBe(401);
      // ?token= once sets the HttpOnly cookie; the UI's own API calls then ride on it.
      expect((await page.goto(`${dashboard.url}/queues?token=${TOKEN}`))?.status()).toBe(200);

      await page.getByRole('link', { name: 'clean', exact: true }).first().click();
      await page.waitForURL('**/queues/queue/clean**');
      const completedTab = page.locator('a[href$="/queues/queue/clean?status=completed"]');
      await expect.poll(async () => (await completedTab.innerText()).replace(/\s+/g, ' ').trim(), { timeout: 15_000 }).toBe('COMPLETED 5');

      await completedTab.click();
      await page.waitForURL('**status=completed');
      const main = page.locator('main');
      await expect.poll(async () => (await main.innerText()).match(/\b[0-9a-f]{64}\b/g)?.length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
      await mkdir(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(existsSync(SCREENSHOT)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('serves the records API to the same browser session', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${dashboard.url}/queues?token=${TOKEN}`);
      const res = await page.goto(`${dashboard.url}/api/records?status=all`);
      expect(res?.status()).toBe(200);
      const body = (await res!.json()) as { items: Array<{ id: string; status: string }> };
      // status=all lists an `updated` entry too when 002 or 004 was written before 003 dated it.
      expect(body.items.filter((item) => item.status !== 'updated')).toHaveLength(5);
    } finally {
      await page.close();
    }
  });
});
