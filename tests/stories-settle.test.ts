import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { parseRecordEvent, recordsStreamKey } from '../src/record-events/index.js';
import { CleanRecord } from '../src/schemas/index.js';
import { placeRecord, settleStoryDates } from '../src/stories/place-in-worker.js';
import { RedisStoryIndex } from '../src/stories/redis-index.js';
import { FsOutputStore } from '../src/stores/fs/fs-output-store.js';
import { quoteIdent } from '../src/stores/postgres/identifiers.js';
import { openPostgresOutputStore } from '../src/stores/postgres/index.js';
import type { OutputStore } from '../src/stores/types.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './helpers/redis-prefix.js';
import { seedPath } from './helpers/seeds.js';
import { makeTempDir } from './helpers/temp-dir.js';

const AT = '2026-12-01T00:00:00.000Z';
const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const silent = pino({ level: 'silent' });

function seedRecord(prefix: string): CleanRecord {
  const result = clean({ bytes: readFileSync(seedPath(prefix)), name: `${prefix}.txt`, receivedAt: AT }, { processedAt: AT });
  if (!result.ok) throw new Error('seed rejected');
  return result.record;
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let redis: Redis;
let pgUp = false;
beforeAll(async () => {
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  pgUp = await postgresAnswers();
});
afterAll(async () => redis.quit());

/** An earlier undated record is dated by a later dated member, in the store and on the stream, once. */
async function laterMemberDatesEarlier(output: OutputStore): Promise<void> {
  const prefix = testPrefix();
  const stories = new RedisStoryIndex(redis, { prefix });
  try {
    const ctx = { stories, output, redis, prefix, logger: silent };
    const early = await placeRecord(seedRecord('002'), stories);
    expect(early.record.date).toBeNull();
    await output.writeRecord(early.record);
    await settleStoryDates(early.record, early.placement, ctx);
    expect(CleanRecord.parse(await output.read('records', early.record.id)).date).toBeNull();

    const dated = await placeRecord(seedRecord('003'), stories);
    expect(dated.placement.undated).toEqual([early.record.id]);
    await output.writeRecord(dated.record);
    for (let i = 0; i < 2; i++) await settleStoryDates(dated.record, dated.placement, ctx);

    const stored = CleanRecord.parse(await output.read('records', early.record.id));
    expect(stored.date).toBe('2021-07-09');
    expect(stored.dateEvidence).toMatchObject({ source: 'story', text: 'Friday', memberId: dated.record.id });
    const events = (await redis.xrange(recordsStreamKey(prefix), '-', '+')).map(([, f]) => parseRecordEvent(f));
    expect(events).toEqual([{ id: early.record.id, status: 'updated', store: output.kind, title: stored.title, date: '2021-07-09', url: stored.source.url, story: stored.story?.id }]);
    expect((await readStats(redis, prefix)).counters.records_updated).toBe(1);
  } finally {
    await stories.close();
    await deleteKeys(redis, prefix);
  }
}

describe('a later dated member dates earlier records in every store, announced once', () => {
  it('file store', async () => {
    const dir = await makeTempDir('stories-settle');
    const output = new FsOutputStore(join(dir.path, 'out'));
    try {
      await laterMemberDatesEarlier(output);
    } finally {
      await output.close();
      await dir.remove();
    }
  });

  it('PostgreSQL store', async (ctx) => {
    if (!pgUp) ctx.skip(`PostgreSQL does not answer at ${TEST_POSTGRES_URL}`);
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    const output = await openPostgresOutputStore({ url: TEST_POSTGRES_URL, schema, poolSize: 2, logger: silent });
    try {
      await laterMemberDatesEarlier(output);
    } finally {
      await output.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await client.end();
    }
  });
});
