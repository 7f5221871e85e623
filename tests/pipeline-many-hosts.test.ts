import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordEvent, recordsStreamKey } from '../src/record-events/index.js';
import { quoteIdent } from '../src/stores/postgres/identifiers.js';
import { ensureDist } from './helpers/ensure-dist.js';
import { generatedInput, sha256 } from './helpers/generate-inputs.js';
import { goldenPages } from './helpers/golden.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './helpers/redis-prefix.js';
import { spawnScour, type ScourProcess } from './helpers/scour-process.js';
import { filesUnder, makeTempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * Many hosts, played on one machine: a producer and two workers, each with a data folder of
 * its own, sharing nothing but Redis and PostgreSQL. Every file must end exactly once in
 * `<prefix>.records` or `<prefix>.rejections`, also when processes are SIGKILLed mid-run,
 * and nothing may be written under any process's local folder but the producer's inbox.
 */
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}
const whyNot = await postgresAnswers();
if (whyNot) console.warn(`many-hosts tests skipped: no PostgreSQL at ${POSTGRES_URL} (${whyNot})`);

describe.skipIf(whyNot !== null)('many hosts: PostgreSQL stores, nothing shared on disk (real processes)', () => {
  let db: pg.Client;
  let redis: Redis;
  const procs: ScourProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    await ensureDist();
    db = new pg.Client({ connectionString: POSTGRES_URL });
    await db.connect();
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    for (const proc of procs) if (proc.child.exitCode === null) proc.kill('SIGKILL');
    await Promise.all(procs.map((proc) => proc.exited));
    for (const cleanup of cleanups.reverse()) await cleanup();
    await db.end();
    redis.disconnect();
  });

  /** Three "hosts": their folders, a prefix (= the PostgreSQL schema) and the env each runs with. */
  async function hosts(label: string) {
    const prefix = testPrefix();
    const folders = await Promise.all(['producer', 'worker-a', 'worker-b'].map((host) => makeTempDir(`${label}-${host}`)));
    cleanups.push(async () => {
      await deleteKeys(redis, prefix);
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(prefix)} CASCADE`);
      for (const folder of folders) await folder.remove();
    });
    const env = (dir: string) => ({
      SCOUR_DATA_DIR: dir,
      SCOUR_QUEUE_PREFIX: prefix,
      SCOUR_STORE: POSTGRES_URL,
      REDIS_URL: TEST_REDIS_URL,
      SCOUR_STABLE_MS: '200',
      SCOUR_LOCK_MS: '2000',
      SCOUR_BACKOFF_MS: '100',
      SCOUR_PORT: '0',
    });
    const [producerDir, workerA, workerB] = folders.map((f) => f.path) as [string, string, string];
    const start = (args: string[], dir: string) => {
      const proc = spawnScour(args, env(dir));
      procs.push(proc);
      return proc;
    };
    const rows = async () => {
      const schema = quoteIdent(prefix);
      const result = await db
        .query<{ id: string; kind: string }>(`SELECT id, 'record' AS kind FROM ${schema}.records UNION ALL SELECT id, 'rejection' FROM ${schema}.rejections`)
        .catch(() => ({ rows: [] as Array<{ id: string; kind: string }> }));
      return result.rows;
    };
    // In flight (kept_at NULL) and kept (SCOUR_RAW_RETENTION, default 7 days) raw entries.
    const rawRows = async (kept: boolean) =>
      Number((await db.query(`SELECT count(*) AS n FROM ${quoteIdent(prefix)}.raw WHERE kept_at IS ${kept ? 'NOT ' : ''}NULL`)).rows[0].n);
    return { prefix, producerDir, workerA, workerB, inbox: join(producerDir, 'inbox'), start, rows, rawRows };
  }

  async function expectCleanEnd(h: Awaited<ReturnType<typeof hosts>>, expected: Set<string>) {
    const rows = await h.rows();
    const ids = rows.map((row) => row.id);
    expect(ids.length).toBe(expected.size);
    expect(new Set(ids)).toEqual(expected);
    await waitFor(async () => (await h.rawRows(false)) === 0, 20_000, 'no raw entry left in flight');
    // Every input's bytes are kept beside its output for the retention period.
    expect(await h.rawRows(true)).toBe(expected.size);
    expect(await filesUnder(h.inbox)).toEqual([]);
    // Nothing on any local disk: not the producer's (but its empty inbox), not the workers'.
    expect((await filesUnder(h.producerDir)).filter((path) => !path.startsWith(h.inbox))).toEqual([]);
    expect(await filesUnder(h.workerA)).toEqual([]);
    expect(await filesUnder(h.workerB)).toEqual([]);
    const all = (await redis.xrange(recordsStreamKey(h.prefix), '-', '+')).map(([, fields]) => parseRecordEvent(fields));
    expect(all.every((event) => event?.store === 'postgres')).toBe(true);
    // One event per output; `updated` ones are records rewritten with their story's date.
    const events = all.filter((event) => event?.status !== 'updated');
    expect(new Set(events.map((event) => event?.id)).size).toBe(events.length);
  }

  it('1,000 files; a worker SIGKILLed and the producer SIGKILLed mid-run, both restarted → every file exactly once in PostgreSQL', async () => {
    const h = await hosts('many');
    await mkdir(h.inbox, { recursive: true });
    const expected = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const content = generatedInput(5000 + i);
      expected.add(sha256(content));
      await writeFile(join(h.inbox, `many-${i}.txt`), content);
    }
    let producer = h.start(['producer'], h.producerDir);
    let workerA = h.start(['worker', '--workers', '1', '--concurrency', '2'], h.workerA);
    h.start(['worker', '--workers', '1', '--concurrency', '2'], h.workerB);
    await waitFor(async () => (await h.rows()).length >= 150, 90_000, '150 rows', 50);
    workerA.kill('SIGKILL');
    producer.kill('SIGKILL');
    await Promise.all([workerA.exited, producer.exited]);
    expect((await filesUnder(h.inbox)).length).toBeGreaterThan(0);
    producer = h.start(['producer'], h.producerDir);
    workerA = h.start(['worker', '--workers', '1', '--concurrency', '2'], h.workerA);
    await waitFor(async () => (await h.rows()).length >= 1000, 150_000, '1,000 rows', 250);
    await expectCleanEnd(h, expected);
  });

  it('100 dropped files, seeds and HTML pages, with one worker SIGKILLed and restarted → exactly 100 rows', async () => {
    const h = await hosts('hundred');
    await mkdir(h.inbox, { recursive: true });
    const expected = new Set<string>();
    let n = 0;
    // The seeds and the reviewed HTML pages of tests/golden, as dropped by a user (gzip kept).
    for (const page of goldenPages()) {
      if (expected.has(sha256(page.bytes))) continue;
      expected.add(sha256(page.bytes));
      await writeFile(join(h.inbox, `${n++}-${page.slug}.${page.sourceFile.replace('source.', '')}`), page.bytes);
    }
    for (let i = 0; expected.size < 100; i += 1) {
      const content = generatedInput(9000 + i);
      expected.add(sha256(content));
      await writeFile(join(h.inbox, `gen-${i}.txt`), content);
    }
    h.start(['producer'], h.producerDir);
    const workerA = h.start(['worker', '--workers', '1'], h.workerA);
    h.start(['worker', '--workers', '1'], h.workerB);
    await waitFor(async () => (await h.rows()).length >= 20, 60_000, '20 rows', 20);
    workerA.kill('SIGKILL');
    await workerA.exited;
    h.start(['worker', '--workers', '1'], h.workerA);
    await waitFor(async () => (await h.rows()).length >= 100, 90_000, '100 rows', 100);
    await expectCleanEnd(h, expected);
  });
});
