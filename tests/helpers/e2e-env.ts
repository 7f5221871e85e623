import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { parseRecordEvent, recordsStreamKey, type ParsedRecordEvent } from '../../src/record-events/index.js';
import { ensureDist } from './ensure-dist.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './redis-prefix.js';
import type { ScourProcess } from './scour-process.js';
import { makeTempDir } from './temp-dir.js';

/** One end-to-end scenario: a data folder, a prefix, the env for spawned scour processes. */
export interface E2eEnv {
  prefix: string;
  dataDir: string;
  inbox: string;
  out: string;
  redis: Redis;
  /** Env for `node bin/scour.js …` (data folder, prefix, Redis, fast timings). */
  env: Record<string, string>;
  events(): Promise<ParsedRecordEvent[]>;
  /** Files still in the inbox (recursive, temp names included). */
  inboxFiles(): Promise<string[]>;
  /** Processes to SIGKILL at teardown if a test left them running. */
  track(proc: ScourProcess): ScourProcess;
  close(): Promise<void>;
}

export async function openE2e(label: string, redisUrl = TEST_REDIS_URL, extraEnv: Record<string, string> = {}): Promise<E2eEnv> {
  await ensureDist();
  const prefix = testPrefix();
  const dir = await makeTempDir(label);
  const inbox = join(dir.path, 'inbox');
  await mkdir(inbox, { recursive: true });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const procs: ScourProcess[] = [];
  return {
    prefix,
    dataDir: dir.path,
    inbox,
    out: join(dir.path, 'out'),
    redis,
    env: {
      SCOUR_DATA_DIR: dir.path,
      SCOUR_QUEUE_PREFIX: prefix,
      REDIS_URL: redisUrl,
      SCOUR_STABLE_MS: '200',
      SCOUR_LOCK_MS: '2000',
      SCOUR_BACKOFF_MS: '100',
      SCOUR_PORT: '0',
      SCOUR_LOG_LEVEL: 'info',
      ...extraEnv,
    },
    async events() {
      const entries = await redis.xrange(recordsStreamKey(prefix), '-', '+');
      return entries.map(([, fields]) => parseRecordEvent(fields)).filter((e): e is ParsedRecordEvent => e !== null);
    },
    async inboxFiles() {
      return (await readdir(inbox, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    },
    track(proc) {
      procs.push(proc);
      return proc;
    },
    async close() {
      for (const proc of procs) proc.kill('SIGKILL');
      await Promise.all(procs.map((proc) => proc.exited));
      await deleteKeys(redis, prefix).catch(() => undefined);
      redis.disconnect();
      await dir.remove();
    },
  };
}

/**
 * The teardown every end-to-end suite needs, registered once: after each test, the scenario
 * opened with `open` is closed (its processes killed, keys and folder removed), then every
 * function pushed on `cleanups`, last pushed first.
 */
export function e2eScope(): { open: typeof openE2e; cleanups: Array<() => Promise<void>> } {
  let current: E2eEnv | null = null;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await current?.close();
    current = null;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    async open(...args) {
      current = await openE2e(...args);
      return current;
    },
  };
}
