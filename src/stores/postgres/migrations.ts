import type pg from 'pg';
import { ConfigError } from '../../config.js';
import type { Logger } from '../../log.js';
import { migrationLockKey, qualified, quoteIdent } from './identifiers.js';

/**
 * The tables of one pipeline, created in its own schema by numbered migrations. A database
 * only ever moves forward: a migration, once released, is never edited; a change is a new
 * one. Each open checks the recorded version first, so a role without CREATE rights can
 * run against a schema its DBA migrated.
 */

interface Migration {
  version: number;
  name: string;
  /** The statements, given a function naming a table of this schema. */
  sql(table: (name: string) => string): string;
}

const ID_CHECK = `CHECK (id ~ '^[0-9a-f]{64}$')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'raw bytes, records and rejections',
    sql: (t) => `
      CREATE TABLE ${t('raw')} (
        key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
        bytes bytea NOT NULL,
        name text,
        size bigint NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${t('records')} (
        id text PRIMARY KEY ${ID_CHECK},
        record jsonb NOT NULL,
        title text,
        date text,
        day date,
        url text,
        publisher text,
        language text,
        cleaner_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- url and publisher come from pages and have no length limit: a b-tree refuses
      -- entries over ~2.7 kB (the write would fail on every retry); hash indexes do not.
      CREATE INDEX records_day_idx ON ${t('records')} (day);
      CREATE INDEX records_url_idx ON ${t('records')} USING hash (url);
      CREATE INDEX records_publisher_idx ON ${t('records')} USING hash (publisher);
      CREATE INDEX records_language_idx ON ${t('records')} (language);
      CREATE INDEX records_cleaner_version_idx ON ${t('records')} (cleaner_version);
      CREATE INDEX records_created_at_idx ON ${t('records')} (created_at);
      CREATE INDEX records_updated_at_idx ON ${t('records')} (updated_at);
      CREATE INDEX records_title_idx ON ${t('records')} USING gin (to_tsvector('simple', coalesce(title, '')));
      CREATE TABLE ${t('rejections')} (
        id text PRIMARY KEY ${ID_CHECK},
        reason text NOT NULL,
        record jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX rejections_reason_idx ON ${t('rejections')} (reason);
      CREATE INDEX rejections_created_at_idx ON ${t('rejections')} (created_at);
    `,
  },
  {
    version: 2,
    name: 'raw entries kept after their output (raw retention)',
    // kept_at NULL = in flight (the reconciler's work); set = kept since then, until the sweeper removes it.
    sql: (t) => `
      ALTER TABLE ${t('raw')} ADD COLUMN kept_at timestamptz;
      CREATE INDEX raw_kept_at_idx ON ${t('raw')} (kept_at) WHERE kept_at IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'query columns: story, full-text search, written-time order',
    // The search column is generated from the title and the first 100,000 characters of the
    // body (SEARCH_BODY_CHARS): a tsvector over 1 MB is an error, which would fail a huge
    // record's write on every retry. 'simple' keeps words as written (lowercased), in any language.
    sql: (t) => `
      ALTER TABLE ${t('records')} ADD COLUMN story text;
      UPDATE ${t('records')} SET story = record->'story'->>'id' WHERE jsonb_typeof(record->'story') = 'object';
      ALTER TABLE ${t('records')} ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || left(coalesce(record->>'body', ''), 100000))
      ) STORED;
      CREATE INDEX records_search_idx ON ${t('records')} USING gin (search);
      CREATE INDEX records_story_idx ON ${t('records')} USING hash (story);
      CREATE INDEX records_written_idx ON ${t('records')} (updated_at, id);
      CREATE INDEX rejections_written_idx ON ${t('rejections')} (updated_at, id);
      CREATE INDEX rejections_reason_written_idx ON ${t('rejections')} (reason, updated_at, id);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

async function recordedVersion(client: pg.ClientBase, schema: string): Promise<number | null> {
  const table = qualified(schema, 'schema_migrations');
  const found = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  if (!found.rows[0]?.present) return null;
  const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${table}`);
  return rows[0]?.version ?? null;
}

/**
 * Brings schema up to LATEST_VERSION. Many processes may start at once: the work runs in one
 * transaction holding an advisory lock on the schema, so one of them migrates and the others
 * wait, then find the work done. DDL is transactional in PostgreSQL, so a failure leaves
 * nothing half-made.
 */
export async function migrate(pool: pg.Pool, schema: string, logger: Logger): Promise<void> {
  const client = await pool.connect();
  try {
    const seen = await recordedVersion(client, schema);
    if (seen !== null && seen >= LATEST_VERSION) {
      if (seen > LATEST_VERSION) logger.warn({ schema, version: seen, known: LATEST_VERSION }, 'the PostgreSQL store was migrated by a newer scour');
      client.release();
      return;
    }
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const table = qualified(schema, 'schema_migrations');
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = (await recordedVersion(client, schema)) ?? 0;
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query(migration.sql((name) => qualified(schema, name)));
      await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      logger.info({ schema, version: migration.version, name: migration.name }, 'PostgreSQL store migrated');
    }
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    client.release(err instanceof Error ? err : true);
    // Most often a role without CREATE rights on a schema nobody migrated yet: one line for the CLI.
    throw new ConfigError(`PostgreSQL store: cannot prepare schema ${quoteIdent(schema)}: ${(err as Error).message}`, { cause: err });
  }
}
