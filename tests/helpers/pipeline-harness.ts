import { mkdir, writeFile } from 'node:fs/promises';
import { openInputFile } from '../../src/producers/open-input-file.js';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from '../../src/log.js';
import { FsOutputStore } from '../../src/stores/fs/fs-output-store.js';
import { FsRawStore } from '../../src/stores/fs/fs-raw-store.js';
import { recordsStreamKey, parseRecordEvent, type ParsedRecordEvent } from '../../src/record-events/index.js';
import { addCleanJob, createCleanQueue, type CleanQueue } from '../../src/queue/clean-queue.js';
import type { CleanFn, CleanJobContext } from '../../src/workers/job-context.js';
import { captureLogger } from './capture-logger.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './redis-prefix.js';
import { makeTempDir } from './temp-dir.js';

/** In-process pieces of the pipeline on a fresh prefix and data folder, torn down by close(). */
export interface PipelineHarness {
  prefix: string;
  dataDir: string;
  inbox: string;
  redisUrl: string;
  redis: Redis;
  raw: FsRawStore;
  output: FsOutputStore;
  queue: CleanQueue;
  logger: Logger;
  logLines: Array<Record<string, unknown>>;
  /** Every event on the records stream, oldest first. */
  events(): Promise<ParsedRecordEvent[]>;
  close(): Promise<void>;
}

export async function openHarness(options: { attempts?: number; backoffMs?: number; redisUrl?: string } = {}): Promise<PipelineHarness> {
  const prefix = testPrefix();
  const dir = await makeTempDir('pipeline');
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = createCleanQueue(redisUrl, { prefix, attempts: options.attempts ?? 3, backoffMs: options.backoffMs ?? 10 }, 'test');
  const { logger, lines } = captureLogger();
  const inbox = join(dir.path, 'inbox');
  await mkdir(inbox, { recursive: true });
  return {
    prefix,
    dataDir: dir.path,
    inbox,
    redisUrl,
    redis,
    raw: new FsRawStore(join(dir.path, 'raw')),
    output: new FsOutputStore(join(dir.path, 'out')),
    queue,
    logger,
    logLines: lines,
    async events() {
      const entries = await redis.xrange(recordsStreamKey(prefix), '-', '+');
      return entries.map(([, fields]) => parseRecordEvent(fields)).filter((event): event is ParsedRecordEvent => event !== null);
    },
    async close() {
      await queue.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
      await dir.remove();
    },
  };
}

/** Puts content in the raw store and queues its job, as the producer does; returns the key. */
export async function enqueueContent(h: PipelineHarness, name: string, content: string): Promise<string> {
  const path = join(h.dataDir, name);
  await writeFile(path, content);
  const { key, bytes } = await h.raw.addFile(openInputFile(path));
  await h.queue.add('clean', { rawKey: key, name, bytes, receivedAt: new Date().toISOString() }, { jobId: key });
  return key;
}

/**
 * A worker's context on the harness's stores, Redis and queue: what the worker service builds
 * in production, with `clean` and the rest overridable.
 */
export function workerContext(h: PipelineHarness, clean: CleanFn, overrides: Partial<CleanJobContext> = {}): CleanJobContext {
  return {
    raw: h.raw,
    output: h.output,
    redis: h.redis,
    prefix: h.prefix,
    clean,
    maxBytes: 1 << 20,
    stableMs: 50,
    rawRetentionMs: 0,
    enqueue: (data) => addCleanJob(h.queue, data),
    logger: h.logger,
    ...overrides,
  };
}
