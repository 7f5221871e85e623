import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertSchemaName, qualified, quoteIdent } from '../src/stores/postgres/identifiers.js';
import { openPostgresOutputStore, openPostgresRawStore, recordsChannel, type PostgresStoreOptions } from '../src/stores/postgres/index.js';
import { LATEST_VERSION } from '../src/stores/postgres/migrations.js';
import type { OutputStore, RawStore } from '../src/stores/types.js';
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
}
