import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertSchemaName, qualified, quoteIdent } from '../src/stores/postgres/identifiers.js';
import { openPostgresOutputStore, openPostgresRawStore, recordsChannel, type PostgresStoreOptions } from '../src/stores/postgres/index.js';
import { LATEST_VERSION } from '../src/stores/postgres/migrations.js';
import { openInputFile } from '../src/producers/open-input-file.js';
import { captureLogger } from './helpers/capture-logger.js';
import { sampleRecord, sampleRejection, sha256 } from './helpers/sample-entries.js';
import { outputStoreContract, rawStoreContract } from './helpers/store-contract.js';
import { makeTempDir } from './helpers/temp-dir.js';

/** Trust auth on the local server, as in CI; every test works in a schema of its own, dropped after. */
const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

const silent = pino({ level: 'silent' });
const testSchema = (): string => `test_${randomUUID().replaceAll('-', '')}`;
const optionsFor = (schema: string, extra: Partial<PostgresStoreOptions> = {}): PostgresStoreOptions => ({
  url: TEST_POSTGRES_URL,
  schema,
  poolSize: 4,
  logger: silent,
  ...extra,
});

/** Why PostgreSQL cannot be used here, or null when it answers. */
async function unreachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || (err as { code?: string }).code || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const whyNot = await unreachable();
if (whyNot !== null) console.warn(`PostgreSQL store tests skipped: no PostgreSQL at ${TEST_POSTGRES_URL} (${whyNot})`);

/** A plain connection of the test's own, to look behind the store's back. */
async function admin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, application_name: 'scour-test-admin' });
  await client.connect();
  return client;
}

async function dropSchema(schema: string): Promise<void> {
  const client = await admin();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

async function countRows(schema: string, ...tables: string[]): Promise<number> {
  const client = await admin();
  try {
    let total = 0;
    for (const table of tables) total += Number((await client.query(`SELECT count(*) AS n FROM ${qualified(schema, table)}`)).rows[0].n);
    return total;
  } finally {
    await client.end();
  }
}

async function largeObjects(): Promise<number> {
  const client = await admin();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM pg_largeobject_metadata')).rows[0].n);
  } finally {
    await client.end();
  }
}

if (whyNot !== null) {
  describe('PostgreSQL store', () => {
    it.skip(`needs PostgreSQL at ${TEST_POSTGRES_URL}: ${whyNot}`, () => undefined);
  });
} else {
  outputStoreContract('PostgreSQL output store', async () => {
    const schema = testSchema();
    const store = await openPostgresOutputStore(optionsFor(schema));
    return {
      store,
      countEntries: () => countRows(schema, 'records', 'rejections'),
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  rawStoreContract('PostgreSQL raw store', async () => {
    const schema = testSchema();
    const scratch = await makeTempDir('scratch');
    const store = await openPostgresRawStore(optionsFor(schema));
    // Large objects left behind by a large add would be half-written entries.
    const objectsBefore = await largeObjects();
    return {
      store,
      scratch: scratch.path,
      countEntries: async () => (await countRows(schema, 'raw')) + (await largeObjects()) - objectsBefore,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
        await scratch.remove();
      },
    };
  });

  describe('PostgreSQL store: driver', () => {
    const schemas: string[] = [];
    const opened: Array<{ close(): Promise<void> }> = [];
    const fresh = (schema = testSchema()) => (schemas.push(schema), schema);
    const track = <T extends { close(): Promise<void> }>(store: T): T => (opened.push(store), store);
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await Promise.all(schemas.splice(0).map(dropSchema));
    });

    it('six processes opening a fresh schema at once all succeed, and the migrations run once', async () => {
      const schema = fresh();
      // Distinct URLs make distinct pools, as separate processes would have.
      const logs = Array.from({ length: 6 }, () => captureLogger('info'));
      const stores = await Promise.all(
        logs.map(({ logger }, i) => openPostgresOutputStore(optionsFor(schema, { url: `${TEST_POSTGRES_URL}?application_name=open-${i}`, logger }))),
      );
      stores.forEach(track);
      const migrated = logs.flatMap(({ lines }) => lines.filter((line) => line.msg === 'PostgreSQL store migrated'));
      expect(migrated).toHaveLength(LATEST_VERSION);
      const client = await admin();
      try {
        const { rows } = await client.query(`SELECT version FROM ${qualified(schema, 'schema_migrations')} ORDER BY version`);
        expect(rows.map((row) => row.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
      } finally {
        await client.end();
      }
      await Promise.all(stores.map((store, i) => store.writeRecord(sampleRecord(`open ${i}`))));
      expect(await stores[0]!.count('records')).toBe(6);
    });

    it('announces a committed record on its channel, in a schema named like a cluster prefix', async () => {
      const schema = fresh(`test-{${randomUUID()}}.x"y`);
      const store = track(await openPostgresOutputStore(optionsFor(schema)));
      const listener = await admin();
      try {
        const channel = recordsChannel(schema);
        expect(channel).toMatch(/^[a-z_][a-z0-9_]{0,62}$/);
        await listener.query(`LISTEN ${channel}`);
        const heard = new Promise<pg.Notification>((resolve) => listener.once('notification', resolve));
        const record = sampleRecord('announced');
        await store.writeRecord(record);
        expect(await heard).toMatchObject({ channel, payload: record.id });
      } finally {
        await listener.end();
      }
      expect(recordsChannel('scour')).toBe('scour_records');
      expect(recordsChannel('a-b')).not.toBe(recordsChannel('a.b'));
    });

    it('keeps the written object in record and fills the columns readers filter on', async () => {
      const schema = fresh();
      const store = track(await openPostgresOutputStore(optionsFor(schema)));
      const base = sampleRecord('columns');
      const record = { ...base, publisher: 'Dawn', date: '2021-07-14T09:30:00+05:00', source: { ...base.source, url: 'https://example.com/a' } };
      await store.writeRecord(record);
      await store.writeRecord({ ...sampleRecord('impossible day'), date: '2021-02-30' });
      await store.writeRejection(sampleRejection('rejected', 'no-article'));
      const client = await admin();
      try {
        const { rows } = await client.query(
          `SELECT record, title, date, to_char(day, 'YYYY-MM-DD') AS day, url, publisher, language, cleaner_version, created_at FROM ${qualified(schema, 'records')} ORDER BY title, day NULLS LAST`,
        );
        expect(rows).toHaveLength(2);
        const row = rows.find((r) => r.record.id === record.id);
        expect(row.record).toEqual(record);
        expect(row).toMatchObject({ title: 'A title', date: record.date, day: '2021-07-14', url: 'https://example.com/a', publisher: 'Dawn', language: 'en', cleaner_version: '0.1.0' });
        expect(row.created_at).toBeInstanceOf(Date);
        expect(rows.find((r) => r.record.id !== record.id).day).toBeNull();
        // jsonb cannot hold every string JSON can: the write says so instead of failing obscurely.
        await expect(store.writeRecord({ ...sampleRecord('nul'), body: 'a \u0000 b' })).rejects.toThrow(/jsonb cannot store/);
        await expect(store.writeRecord({ ...sampleRecord('surrogate'), body: 'a \ud800 b' })).rejects.toThrow(/jsonb cannot store/);
        const rejected = await client.query(`SELECT reason, record FROM ${qualified(schema, 'rejections')}`);
        expect(rejected.rows).toEqual([{ reason: 'no-article', record: sampleRejection('rejected', 'no-article') }]);
      } finally {
        await client.end();
      }
    });

    it('a record and a rejection of one id written at once leave exactly one of them', async () => {
      const schema = fresh();
      const store = track(await openPostgresOutputStore(optionsFor(schema)));
      for (let round = 0; round < 5; round += 1) {
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            i % 2 === 0 ? store.writeRecord(sampleRecord('contested', `body ${round}.${i}`)) : store.writeRejection(sampleRejection('contested', 'failed')),
          ),
        );
        expect((await store.count('records')) + (await store.count('rejected'))).toBe(1);
      }
    });

    it('carries on when the server kills every connection, and raw and output share one pool', async () => {
      const schema = fresh();
      const raw = track(await openPostgresRawStore(optionsFor(schema)));
      const output = track(await openPostgresOutputStore(optionsFor(schema)));
      expect((raw as unknown as { db: unknown }).db).toBe((output as unknown as { db: unknown }).db);
      const client = await admin();
      try {
        for (let round = 0; round < 5; round += 1) {
          // Several idle connections in the pool, then the server ends every one of them.
          await Promise.all(Array.from({ length: 4 }, (_, i) => output.writeRecord(sampleRecord(`warm ${round} ${i}`))));
          const { rows } = await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`scour ${process.pid}`]);
          expect(rows.length).toBeGreaterThan(1);
          // Dead clients are dropped as they fail and the call goes on on a fresh connection.
          await output.writeRecord(sampleRecord(`after ${round}`));
          await raw.put(sha256(`after ${round}`), Buffer.from(`after ${round}`));
        }
      } finally {
        await client.end();
      }
      expect(await output.count('records')).toBe(25);
      expect(await raw.has(sha256('after 4'))).toBe(true);
    });

    it('keeps the name an entry was added under, its size and when it came', async () => {
      const schema = fresh();
      const raw = track(await openPostgresRawStore(optionsFor(schema)));
      const scratch = await makeTempDir('scratch');
      try {
        const path = join(scratch.path, 'page.html');
        await writeFile(path, 'named bytes');
        const named = await raw.addFile(openInputFile(path), { name: 'sub/page.html' });
        await writeFile(path, 'unnamed bytes');
        const unnamed = await raw.addFile(openInputFile(path));
        const before = Date.now();
        expect(await raw.info(named.key)).toMatchObject({ bytes: 11, name: 'sub/page.html' });
        expect(await raw.info(unnamed.key)).toMatchObject({ bytes: 13, name: 'page.html' });
        expect(Date.parse((await raw.info(named.key))!.storedAt)).toBeLessThanOrEqual(before);
        expect(await raw.info(sha256('never stored'))).toBeNull();
      } finally {
        await scratch.remove();
      }
    });

    it('lists keys page after page', async () => {
      const schema = fresh();
      const raw = track(await openPostgresRawStore(optionsFor(schema)));
      const client = await admin();
      try {
        await client.query(
          `INSERT INTO ${qualified(schema, 'raw')} (key, bytes, size) SELECT encode(sha256(i::text::bytea), 'hex'), i::text::bytea, length(i::text) FROM generate_series(1, 2500) i`,
        );
      } finally {
        await client.end();
      }
      const keys: string[] = [];
      for await (const key of raw.keys()) keys.push(key);
      expect(keys).toHaveLength(2500);
      expect(new Set(keys).size).toBe(2500);
      expect(keys).toContain(sha256('1234'));
    });

    it('says in one line why it cannot open', async () => {
      await expect(openPostgresRawStore(optionsFor(testSchema(), { url: 'postgres://postgres@127.0.0.1:5999/test' }))).rejects.toThrow(
        /^cannot reach the PostgreSQL store at 127\.0\.0\.1:5999 \(ECONNREFUSED\)$/,
      );
      await expect(openPostgresOutputStore(optionsFor(testSchema(), { url: 'postgres://postgres@127.0.0.1:5432/no_such_db' }))).rejects.toThrow(
        /^the PostgreSQL store at 127\.0\.0\.1:5432\/no_such_db refused the connection: database "no_such_db" does not exist$/,
      );
      expect(() => assertSchemaName('x'.repeat(64))).toThrow(/64 bytes/);
    });
  });
}
