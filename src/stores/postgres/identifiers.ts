import { createHash } from 'node:crypto';
import { ConfigError } from '../../config.js';

/**
 * Names the driver builds SQL from. The schema is the queue prefix, which may hold `{}`
 * (Redis Cluster hash tags), `.` and `-`: it is always quoted, never pasted in bare.
 */

/** PostgreSQL silently truncates longer identifiers (NAMEDATALEN - 1), so two long prefixes could meet. */
const MAX_IDENTIFIER_BYTES = 63;

const CHANNEL_SUFFIX = '_records';

/** Throws one clear line for a schema name PostgreSQL cannot hold as given. */
export function assertSchemaName(schema: string): void {
  if (schema.length === 0) throw new ConfigError('PostgreSQL store: the schema name (queue prefix) is empty');
  if (schema.includes('\0')) throw new ConfigError('PostgreSQL store: the schema name (queue prefix) holds a NUL character');
  const bytes = Buffer.byteLength(schema, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new ConfigError(`PostgreSQL store: the schema name (queue prefix) is ${bytes} bytes; PostgreSQL keeps at most ${MAX_IDENTIFIER_BYTES}`);
  }
}

/** `"name"` with inner quotes doubled: safe for any name without NUL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`. */
export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * The channel a commit of a record is announced on: `<schema>_records` when the schema is a
 * plain lower-case identifier (`scour_records` by default), so SQL readers can `LISTEN` it
 * unquoted. Any other prefix is folded to [a-z0-9_] with a short hash of the original, so
 * `a-b` and `a.b` still get different channels and the name stays under 64 bytes.
 */
export function recordsChannel(schema: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(schema) && schema.length + CHANNEL_SUFFIX.length <= MAX_IDENTIFIER_BYTES) return `${schema}${CHANNEL_SUFFIX}`;
  const folded = schema
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^(?=[0-9])/, '_')
    .slice(0, 40);
  return `${folded}_${digest(schema).toString('hex').slice(0, 8)}${CHANNEL_SUFFIX}`;
}

/**
 * Advisory lock keys. Migrations take the one-bigint form, per-id writes the two-int form:
 * PostgreSQL keeps the two forms apart, so neither can block the other.
 */
export function migrationLockKey(schema: string): string {
  return digest(`scour-migrations:${schema}`).readBigInt64BE(0).toString();
}

/** [schema key, id key] for pg_advisory_xact_lock(int, int): one output per id at a time. */
export function idLockKeys(schema: string, id: string): [number, number] {
  return [digest(`scour-schema:${schema}`).readInt32BE(0), Buffer.from(id.slice(0, 8), 'hex').readInt32BE(0)];
}
