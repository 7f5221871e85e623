import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startDashboard, type RunningDashboard, type DashboardOptions } from '../../src/dashboard/index.js';
import { createLogger } from '../../src/log.js';
import { startProducer, type ProducerService } from '../../src/pipeline/producer-service.js';
import { openRuntime, type Runtime } from '../../src/pipeline/runtime.js';
import { startWorkerService, type WorkerService } from '../../src/pipeline/worker-service.js';
import { SEEDS } from './seeds.js';
import { waitFor } from './wait-for.js';

/** Debian's chromium, which the browser tests drive with playwright-core (.ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** The real pipeline (inbox watcher → BullMQ → worker → file store) with its dashboard, after it processed the five seeds, and a headless chromium. */
export interface BrowserPipeline {
  runtime: Runtime;
  producer: ProducerService;
  worker: WorkerService;
  dashboard: RunningDashboard;
  browser: Browser;
  dir: string;
  /** Stops everything, removes the test's Redis keys and folder. */
  close(): Promise<void>;
}

export async function openBrowserPipeline(options: { token: string; console?: DashboardOptions['console'] }): Promise<BrowserPipeline> {
  const dir = await mkdtemp(join(tmpdir(), 'scour-browser-'));
  const config = loadConfig({ prefix: `test-${randomUUID()}`, dataDir: dir, port: 0, logLevel: 'silent', stableMs: 100, dashboardToken: options.token }, {});
  const logger = createLogger('silent');
  const runtime = await openRuntime(config, logger);
  const producer = await startProducer(runtime);
  const worker = startWorkerService(runtime);
  const dashboard = await startDashboard({ config, redis: runtime.redis, store: runtime.output, raw: runtime.raw, logger, ...(options.console ? { console: options.console } : {}) });

  // Copy beside the inbox, then rename in: the watcher sees only whole files.
  const staging = join(dir, 'staging');
  await mkdir(staging, { recursive: true });
  for (const { name, path } of SEEDS) {
    await copyFile(path, join(staging, name));
    await rename(join(staging, name), join(runtime.paths.inbox, name));
  }
  await waitFor(async () => (await producer.queue.getJobCounts('completed')).completed === SEEDS.length, 60_000, 'a completed job per seed');

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async (): Promise<void> => {
    await browser.close();
    await dashboard.close();
    await worker.close();
    await producer.close();
    const keys = await runtime.redis.keys(`${runtime.config.prefix}:*`);
    if (keys.length) await runtime.redis.del(...keys);
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { runtime, producer, worker, dashboard, browser, dir, close };
}
