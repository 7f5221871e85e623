import { assertValidId, isValidId } from '../../ids.js';
import type { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import type { OutputKind, OutputLocation, OutputStore } from '../types.js';
import { dayOf, storyIdOf, type OutputCounts, type OutputFilter, type OutputQuery, type OutputSummary } from '../output-query.js';
import { countEntries, queryPage } from './pg-output-query.js';
import { idLockKeys, qualified, recordsChannel } from './identifiers.js';
import { Notifier } from './notifier.js';
import type { Database } from './pool.js';

/**
 * SQLSTATEs of JSON that jsonb refuses though JSON.stringify wrote it: 22P05 for a NUL
 * character (\u0000), 22P02 for a lone UTF-16 surrogate. The file store keeps such text;
 * here the write fails on every try, so it says which entry and why.
 */
const JSONB_REFUSED = new Set(['22P05', '22P02']);

/**
 * Records and rejections in PostgreSQL: `record` holds the very object the file store
 * writes; beside it the columns SQL readers filter on. Each write is one transaction under
 * a per-id advisory lock, so a record and a rejection of one id written at once cannot both
 * survive (each would miss the other's uncommitted row otherwise). A committed record is
 * then announced with NOTIFY on recordsChannel(schema), payload its id (see notifier.ts).
 */
export class PgOutputStore implements OutputStore {
  readonly kind = 'postgres';
  private readonly records: string;
  private readonly rejections: string;
  private readonly notifier: Notifier;

  constructor(
    private readonly db: Database,
    private readonly schema: string,
    private readonly onClose: () => Promise<void>,
  ) {
    this.records = qualified(schema, 'records');
    this.rejections = qualified(schema, 'rejections');
    this.notifier = new Notifier(db, recordsChannel(schema));
  }

  private tableOf(kind: OutputKind): string {
    return kind === 'records' ? this.records : this.rejections;
  }

  async writeRecord(record: CleanRecord): Promise<OutputLocation> {
    assertValidId(record.id);
    const values = [
      record.id,
      JSON.stringify(record),
      record.title,
      record.date,
      dayOf(record.date),
      record.source.url,
      record.publisher,
      record.language,
      record.pipeline.version,
      storyIdOf(record),
    ];
    // The delete runs though nothing reads it: a data-modifying WITH always does.
    const sql = `
      WITH gone AS (DELETE FROM ${this.rejections} WHERE id = $1)
      INSERT INTO ${this.records} (id, record, title, date, day, url, publisher, language, cleaner_version, story)
      VALUES ($1, $2::jsonb, $3, $4, $5::date, $6, $7, $8, $9, $10)
      ON CONFLICT (id) DO UPDATE SET record = excluded.record, title = excluded.title, date = excluded.date,
        day = excluded.day, url = excluded.url, publisher = excluded.publisher, language = excluded.language,
        cleaner_version = excluded.cleaner_version, story = excluded.story, updated_at = now()`;
    await this.write(record.id, sql, values);
    // After the commit, so a listener never hears of a record it cannot read yet.
    await this.notifier.announce(record.id);
    return { store: this.kind, kind: 'records', id: record.id };
  }

  async writeRejection(rejection: RejectionRecord): Promise<OutputLocation> {
    assertValidId(rejection.id);
    const sql = `
      WITH gone AS (DELETE FROM ${this.records} WHERE id = $1)
      INSERT INTO ${this.rejections} (id, reason, record) VALUES ($1, $2, $3::jsonb)
      ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, record = excluded.record, updated_at = now()`;
    await this.write(rejection.id, sql, [rejection.id, rejection.reason, JSON.stringify(rejection)]);
    return { store: this.kind, kind: 'rejected', id: rejection.id };
  }

  private async write(id: string, sql: string, values: unknown[]): Promise<void> {
    // Both lock keys are integers computed here, so BEGIN and the lock share one round trip.
    const [schemaKey, idKey] = idLockKeys(this.schema, id);
    try {
      await this.db.transaction(`BEGIN; SELECT pg_advisory_xact_lock(${schemaKey}, ${idKey})`, (client) => client.query(sql, values));
    } catch (err) {
      if (JSONB_REFUSED.has((err as { code?: string }).code ?? '')) {
        throw new Error(`output store: entry ${id} holds text PostgreSQL jsonb cannot store (${(err as Error).message})`, { cause: err });
      }
      throw err;
    }
  }

  async read(kind: OutputKind, id: string): Promise<unknown | null> {
    if (!isValidId(id)) return null;
    const { rows } = await this.db.query<{ record: unknown }>(`SELECT record FROM ${this.tableOf(kind)} WHERE id = $1`, [id]);
    return rows[0]?.record ?? null;
  }

  async count(kind: OutputKind): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.tableOf(kind)}`);
    return Number(rows[0]?.n ?? 0);
  }

  async delete(kind: OutputKind, id: string): Promise<void> {
    assertValidId(id);
    await this.db.query(`DELETE FROM ${this.tableOf(kind)} WHERE id = $1`, [id]);
  }

  query(query: OutputQuery): Promise<OutputSummary[]> {
    return queryPage(this.db, { records: this.records, rejections: this.rejections }, query);
  }

  counts(filter: OutputFilter): Promise<OutputCounts> {
    return countEntries(this.db, { records: this.records, rejections: this.rejections }, filter);
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
