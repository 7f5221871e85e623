import { readFileSync } from 'node:fs';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { isValidId } from '../../ids.js';
import type { Logger } from '../../log.js';
import { listWorkers, readSeries, startSampler } from '../../metrics/time-series.js';
import { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import type { OutputStore, RawStore } from '../../stores/types.js';
import { API_ERRORS, sendError } from '../api-errors.js';
import { TIMED_OUT, within } from '../within.js';
import { ASSETS_PATH, sendPage } from './html.js';
import { chartsPage, recordsPage } from './list-page.js';
import { registerRawSource } from './raw-source.js';
import { notFoundPage, recordPage, rejectionPage } from './record-page.js';
import { sourceText } from './source-text.js';

/**
 * The records console, on the dashboard's own server (so the same Host guard and token rule
 * cover it): /records lists outputs, /records/:id shows one with its removed blocks in place,
 * /charts draws the last hour; /api/records/:id/source serves raw bytes and
 * /api/console/series the chart data.
 */

export interface ConsoleOptions {
  /** Sampling period of the chart series, ms (default 10 s). */
  sampleMs?: number;
}

export interface ConsoleDeps {
  redis: Redis;
  queue: Queue;
  store: OutputStore;
  /** Without it, sources show as no longer kept. */
  raw: RawStore | undefined;
  prefix: string;
  logger: Logger;
}

/** Inputs larger than this are not decoded for the in-place view (the list of removed blocks still shows). */
const SOURCE_VIEW_MAX_BYTES = 8 * 1024 * 1024;
const REDIS_WAIT_MS = 5000;

const ASSET_TYPES: Record<string, string> = { 'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8' };

function loadAssets(logger: Logger): Map<string, Buffer> {
  const assets = new Map<string, Buffer>();
  for (const name of Object.keys(ASSET_TYPES)) {
    try {
      assets.set(name, readFileSync(new URL(`./assets/${name}`, import.meta.url)));
    } catch (err) {
      logger.warn({ err, name }, 'console asset missing (was the build run?); the console pages will lack it');
    }
  }
  return assets;
}

export function registerConsole(app: FastifyInstance, deps: ConsoleDeps, options: ConsoleOptions = {}): void {
  const assets = loadAssets(deps.logger);
  registerRawSource(app, { raw: deps.raw, store: deps.store });

  const sampler = startSampler({ redis: deps.redis, prefix: deps.prefix, queue: deps.queue, logger: deps.logger, intervalMs: options.sampleMs });
  app.addHook('onClose', async () => sampler.stop());

  app.get(`${ASSETS_PATH}/:name`, async (request, reply) => {
    const { name } = request.params as { name: string };
    const body = Object.hasOwn(ASSET_TYPES, name) ? assets.get(name) : undefined;
    if (!body) return sendError(reply, API_ERRORS.NOT_FOUND);
    return reply.type(ASSET_TYPES[name]!).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
  });

  app.get('/records', async (request, reply) => sendPage(reply, recordsPage((request.query ?? {}) as Record<string, unknown>)));
  app.get('/charts', async (_request, reply) => sendPage(reply, chartsPage()));

  app.get('/records/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isValidId(id)) return sendPage(reply, notFoundPage(id.slice(0, 80)), 400);
    const readSource = async (format: 'html' | 'text' | null, name: string): Promise<string | null> => {
      const bytes = deps.raw ? await deps.raw.get(id) : null;
      if (bytes === null || bytes.length > SOURCE_VIEW_MAX_BYTES) return null;
      return sourceText(bytes, format, name, SOURCE_VIEW_MAX_BYTES)?.text ?? null;
    };
    const record = CleanRecord.safeParse(await deps.store.read('records', id));
    if (record.success) return sendPage(reply, recordPage(record.data, await readSource(record.data.source.format, record.data.source.name)));
    const rejection = RejectionRecord.safeParse(await deps.store.read('rejected', id));
    if (rejection.success) return sendPage(reply, rejectionPage(rejection.data, await readSource(null, rejection.data.source.name)));
    return sendPage(reply, notFoundPage(id), 404);
  });

  app.get('/api/console/series', async (_request, reply) => {
    const reading = Promise.all([readSeries(deps.redis, deps.prefix, Date.now()), listWorkers(deps.queue)]);
    const result = await within(REDIS_WAIT_MS, reading).catch((): typeof TIMED_OUT => TIMED_OUT);
    if (result === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);
    const [series, workers] = result;
    return { ...series, workers };
  });
}
