import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from '../src/dashboard/index.js';
import type { Runtime } from '../src/pipeline/runtime.js';
import { CHROMIUM, hasChromium, openBrowserPipeline, type BrowserPipeline } from './helpers/browser-pipeline.js';

const SCREENSHOT = join(import.meta.dirname, '..', 'test-results', 'dashboard.png');
const TOKEN = 'browser-test-token-0123456789';
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run does this)`);

/**
 * The operator's view end to end: the real pipeline (inbox watcher → BullMQ → worker running
 * clean() → output store) processes the five seeds, then Debian's chromium opens bull-board
 * through the token cookie flow and must show the clean queue's 5 completed jobs.
 */
describe.skipIf(!hasChromium)(`browser: bull-board on a pipeline that processed the seeds (needs ${CHROMIUM})`, () => {
  let p: BrowserPipeline;
  let runtime: Runtime;
  let dashboard: RunningDashboard;
  let browser: Browser;

  beforeAll(async () => {
    p = await openBrowserPipeline({ token: TOKEN });
    ({ runtime, dashboard, browser } = p);
  });

  afterAll(async () => {
    await p?.close();
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
