import { createHash } from 'node:crypto';
import { closeSync, read, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assertKeyOf, assertValidId, sha256Hex } from '../../ids.js';
import { identityOf, type AddedFile, type AddFileOptions, type KeptEntry, type OpenedFile, type RawInfo, type RawStore } from '../types.js';
import { qualified } from './identifiers.js';
import type { Database } from './pool.js';

/**
 * Entries up to this size move in one query each way; larger ones in chunks of this size.
 * node-postgres sends a bytea parameter as binary but copies it into its message buffer, and
 * receives bytea as hex text. Measured on a 17 MiB entry: one query held ~100 MiB of buffers
 * to read it and the bytes twice to write it; 1 MiB chunks held ~35 MiB to read (and were
 * faster, 450-650 ms against 800-970) and only a chunk at a time to write.
 */
const CHUNK_BYTES = 1024 * 1024;

/** Keys fetched per page by keys(): keyset pagination holds no connection between pages. */
const KEYS_PAGE = 1000;

function readChunk(fd: number, buffer: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, 0, buffer.length, position, (err, n) => (err ? reject(err) : resolve(n))));
}

/**
 * Content-addressed raw bytes in table `raw` of the pipeline's schema. Inserts never rewrite
 * bytes (same key = same bytes, so a second writer has nothing to add); they only bring a kept
 * entry back in flight (`kept_at` NULL), since its bytes are queued again.
 */
export class PgRawStore implements RawStore {
  readonly kind = 'postgres';
  private readonly table: string;

  constructor(
    private readonly db: Database,
    schema: string,
    private readonly onClose: () => Promise<void>,
  ) {
    this.table = qualified(schema, 'raw');
  }

  async addFile(file: OpenedFile, options: AddFileOptions = {}): Promise<AddedFile> {
    const { fd, stats } = file;
    const source = identityOf(stats);
    // The first name an entry arrives under is kept (same bytes under another name add nothing).
    const name = options.name ?? basename(file.path);
    try {
      if (stats.size > CHUNK_BYTES) return { ...(await this.addLarge(fd, name)), source };
      // Read to the end of the file, not to the size fstat gave: the key is of the bytes read.
      const data = readFileSync(fd);
      const key = sha256Hex(data);
      await this.insert(key, data, name);
      return { key, bytes: data.length, source };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * One pass over the file: each chunk is hashed and appended to a large object as it is
   * read, so the process never holds the whole file. Once the key is known the object's
   * bytes become the row, server-side, and the object is dropped, all in one transaction: a
   * crash anywhere leaves neither row nor object behind.
   */
  private async addLarge(fd: number, name: string): Promise<{ key: string; bytes: number }> {
    return this.db.transaction('BEGIN', async (client) => {
      const { rows } = await client.query<{ oid: number }>('SELECT lo_create(0) AS oid');
      const oid = rows[0]!.oid;
      const hash = createHash('sha256');
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      let size = 0;
      for (let n = await readChunk(fd, chunk, 0); n > 0; n = await readChunk(fd, chunk, size)) {
        const part = chunk.subarray(0, n);
        hash.update(part);
        await client.query('SELECT lo_put($1, $2, $3)', [oid, size, part]);
        size += n;
      }
      const key = hash.digest('hex');
      await client.query(`INSERT INTO ${this.table} (key, bytes, name, size) SELECT $1, lo_get($2), $3, $4 ${this.onConflict}`, [
        key,
        oid,
        name,
        size,
      ]);
      await client.query('SELECT lo_unlink($1)', [oid]);
      return { key, bytes: size };
    });
  }

  /** An existing entry keeps its bytes and name; a kept one is in flight again. */
  private get onConflict(): string {
    return `ON CONFLICT (key) DO UPDATE SET kept_at = NULL WHERE ${this.table}.kept_at IS NOT NULL`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertKeyOf(key, bytes);
    await this.insert(key, bytes, null);
  }

  private async insert(key: string, bytes: Uint8Array, name: string | null): Promise<void> {
    await this.db.query(`INSERT INTO ${this.table} (key, bytes, name, size) VALUES ($1, $2, $3, $4) ${this.onConflict}`, [
      key,
      bytes,
      name,
      bytes.length,
    ]);
  }

  async get(key: string, options: { inFlightOnly?: boolean } = {}): Promise<Uint8Array | null> {
    assertValidId(key);
    // Small entries (nearly all) come back with their size in one round trip.
    const { rows } = await this.db.query<{ size: string; bytes: Buffer | null }>(
      `SELECT octet_length(bytes) AS size, CASE WHEN octet_length(bytes) <= $2 THEN bytes END AS bytes FROM ${this.table}
       WHERE key = $1 ${options.inFlightOnly ? 'AND kept_at IS NULL' : ''}`,
      [key, CHUNK_BYTES],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return row.bytes ?? this.getLarge(key);
  }

  /** In chunks, inside one snapshot so an entry deleted meanwhile still reads whole (or not at all). */
  private async getLarge(key: string): Promise<Uint8Array | null> {
    return this.db.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const sized = await client.query<{ size: string }>(`SELECT octet_length(bytes) AS size FROM ${this.table} WHERE key = $1`, [key]);
      if (sized.rows[0] === undefined) return null;
      const out = Buffer.allocUnsafe(Number(sized.rows[0].size));
      for (let offset = 0; offset < out.length; offset += CHUNK_BYTES) {
        const { rows } = await client.query<{ part: Buffer }>(`SELECT substring(bytes FROM $2 FOR $3) AS part FROM ${this.table} WHERE key = $1`, [
          key,
          offset + 1,
          CHUNK_BYTES,
        ]);
        rows[0]!.part.copy(out, offset);
      }
      return out;
    });
  }

  async info(key: string): Promise<RawInfo | null> {
    assertValidId(key);
    const { rows } = await this.db.query<{ size: string; name: string | null; received_at: Date; kept_at: Date | null }>(
      `SELECT size, name, received_at, kept_at FROM ${this.table} WHERE key = $1`,
      [key],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return { bytes: Number(row.size), name: row.name, storedAt: row.received_at.toISOString(), keptAt: row.kept_at?.toISOString() ?? null };
  }

  async keep(key: string): Promise<void> {
    assertValidId(key);
    await this.db.query(`UPDATE ${this.table} SET kept_at = now() WHERE key = $1`, [key]);
  }

  async removeKept(key: string, keptBefore: string): Promise<boolean> {
    assertValidId(key);
    const { rowCount } = await this.db.query(`DELETE FROM ${this.table} WHERE key = $1 AND kept_at < $2::timestamptz`, [key, keptBefore]);
    return (rowCount ?? 0) > 0;
  }

  async *kept(options: { keptBefore?: string } = {}): AsyncIterable<KeptEntry> {
    const before = options.keptBefore ?? 'infinity';
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<{ key: string; size: string; kept_at: Date }>(
        `SELECT key, size, kept_at FROM ${this.table} WHERE kept_at < $2::timestamptz AND key > $1 ORDER BY key LIMIT ${KEYS_PAGE}`,
        [after, before],
      );
      for (const row of rows) yield { key: row.key, bytes: Number(row.size), keptAt: row.kept_at.toISOString() };
      if (rows.length < KEYS_PAGE) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  async has(key: string): Promise<boolean> {
    assertValidId(key);
    const { rowCount } = await this.db.query(`SELECT 1 FROM ${this.table} WHERE key = $1`, [key]);
    return (rowCount ?? 0) > 0;
  }

  async delete(key: string): Promise<void> {
    assertValidId(key);
    await this.db.query(`DELETE FROM ${this.table} WHERE key = $1`, [key]);
  }

  async *keys(): AsyncIterable<string> {
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<{ key: string }>(`SELECT key FROM ${this.table} WHERE key > $1 AND kept_at IS NULL ORDER BY key LIMIT ${KEYS_PAGE}`, [after]);
      for (const row of rows) yield row.key;
      if (rows.length < KEYS_PAGE) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
