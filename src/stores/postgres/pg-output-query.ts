import {
  emptyCounts,
  encodeStoreCursor,
  searchWords,
  statusesOf,
  SUMMARY_TITLE_CHARS,
  type EntryStatus,
  type OutputCounts,
  type OutputFilter,
  type OutputQuery,
  type OutputSummary,
  type StoreCursor,
} from '../output-query.js';
import type { Database } from './pool.js';

/**
 * OutputStore.query and counts in SQL. Order is (updated_at, id): the time of the last write
 * and the id to break ties, served by the (updated_at, id) indexes of migration 2; filters
 * use the indexed columns (day, publisher, language, story, reason) and the generated
 * tsvector `search`. A page first picks its ids and times (cheap, index-only where it can),
 * then reads the summary columns of those rows only: a jsonb record is never detoasted for
 * a row that is not shown.
 */

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const REJECTION_STATUS = `CASE WHEN reason = 'failed' THEN 'failed' ELSE 'rejected' END`;
const MICROS = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;

function positionOf(p: Params, cursor: StoreCursor): string {
  return `('epoch'::timestamptz + ${p.add(cursor.micros.toString())}::bigint * interval '1 microsecond', ${p.add(cursor.id)}::text)`;
}

/** WHERE conditions of the records table, or null when no record can match. */
function recordConditions(f: OutputFilter, p: Params): string[] {
  const where: string[] = [];
  if (f.from !== undefined) where.push(`day >= ${p.add(f.from)}::date`);
  if (f.to !== undefined) where.push(`day <= ${p.add(f.to)}::date`);
  if (f.publisher !== undefined) where.push(`publisher = ${p.add(f.publisher)}`);
  if (f.language !== undefined) where.push(`language = ${p.add(f.language)}`);
  if (f.story !== undefined) where.push(`story = ${p.add(f.story)}`);
  const words = f.q === undefined ? [] : searchWords(f.q);
  // Words are letters and digits only, so joining them with & is a well-formed tsquery.
  if (words.length > 0) where.push(`search @@ to_tsquery('simple', ${p.add(words.join(' & '))})`);
  if (f.since !== undefined) where.push(`updated_at >= ${p.add(f.since)}::timestamptz`);
  return where;
}

function rejectionConditions(f: OutputFilter, statuses: EntryStatus[], p: Params): string[] {
  const where: string[] = [];
  if (f.reason !== undefined) where.push(`reason = ${p.add(f.reason)}`);
  if (!statuses.includes('failed')) where.push(`reason <> 'failed'`);
  if (!statuses.includes('rejected')) where.push(`reason = 'failed'`);
  if (f.since !== undefined) where.push(`updated_at >= ${p.add(f.since)}::timestamptz`);
  return where;
}

const whereClause = (conditions: string[]): string => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

interface Tables {
  records: string;
  rejections: string;
}

export async function queryPage(db: Database, tables: Tables, query: OutputQuery): Promise<OutputSummary[]> {
  const statuses = statusesOf(query);
  if (statuses.length === 0 || query.limit < 1) return [];
  const p = new Params();
  const newer = query.after !== undefined;
  const order = newer ? 'ASC' : 'DESC';
  const limit = p.add(query.limit);
  const keyset = (conditions: string[]) => {
    if (query.after) conditions.push(`(updated_at, id) > ${positionOf(p, query.after)}`);
    if (query.before) conditions.push(`(updated_at, id) < ${positionOf(p, query.before)}`);
    return conditions;
  };
  const branches: string[] = [];
  if (statuses.includes('record')) {
    const where = keyset(recordConditions(query, p));
    branches.push(`(SELECT 'record'::text AS status, id, updated_at FROM ${tables.records} ${whereClause(where)} ORDER BY updated_at ${order}, id ${order} LIMIT ${limit})`);
  }
  if (statuses.includes('rejected') || statuses.includes('failed')) {
    const where = keyset(rejectionConditions(query, statuses, p));
    branches.push(
      `(SELECT ${REJECTION_STATUS} AS status, id, updated_at FROM ${tables.rejections} ${whereClause(where)} ORDER BY updated_at ${order}, id ${order} LIMIT ${limit})`,
    );
  }
  const sql = `
    WITH page AS (SELECT * FROM (${branches.join(' UNION ALL ')}) branches ORDER BY updated_at ${order}, id ${order} LIMIT ${limit})
    SELECT page.status, page.id, ${MICROS('page.updated_at')} AS micros, page.updated_at AS written_at,
      coalesce(r.record->'source'->>'name', j.record->'source'->>'name') AS name,
      left(r.title, ${SUMMARY_TITLE_CHARS}) AS title, r.date, r.publisher, r.url AS page_url,
      length(r.record->>'body') AS body_chars, r.language, r.story, j.reason
    FROM page
      LEFT JOIN ${tables.records} r ON page.status = 'record' AND r.id = page.id
      LEFT JOIN ${tables.rejections} j ON page.status <> 'record' AND j.id = page.id
    ORDER BY page.updated_at ${order}, page.id ${order}`;
  const { rows } = await db.query<SummaryRow>(sql, p.values);
  return rows.map(summaryOfRow);
}

interface SummaryRow {
  status: EntryStatus;
  id: string;
  micros: string;
  written_at: Date;
  name: string | null;
  title: string | null;
  date: string | null;
  publisher: string | null;
  page_url: string | null;
  body_chars: number | null;
  language: string | null;
  story: string | null;
  reason: string | null;
}

function summaryOfRow(row: SummaryRow): OutputSummary {
  return {
    id: row.id,
    status: row.status,
    cursor: encodeStoreCursor({ micros: BigInt(row.micros), id: row.id }),
    writtenAt: row.written_at.toISOString(),
    name: row.name,
    title: row.title,
    date: row.date,
    publisher: row.publisher,
    pageUrl: row.page_url,
    bodyChars: row.body_chars,
    language: row.language,
    story: row.story,
    reason: row.reason,
  };
}

export async function countEntries(db: Database, tables: Tables, filter: OutputFilter): Promise<OutputCounts> {
  const statuses = statusesOf(filter);
  const counts = emptyCounts();
  if (statuses.length === 0) return counts;
  const p = new Params();
  const parts: string[] = [];
  if (statuses.includes('record')) {
    parts.push(`SELECT 'record'::text AS status, NULL::text AS reason, count(*)::bigint AS n FROM ${tables.records} ${whereClause(recordConditions(filter, p))}`);
  }
  if (statuses.includes('rejected') || statuses.includes('failed')) {
    const where = whereClause(rejectionConditions(filter, statuses, p));
    parts.push(`SELECT ${REJECTION_STATUS} AS status, reason, count(*)::bigint AS n FROM ${tables.rejections} ${where} GROUP BY reason`);
  }
  const { rows } = await db.query<{ status: EntryStatus; reason: string | null; n: string }>(parts.join(' UNION ALL '), p.values);
  for (const row of rows) {
    const n = Number(row.n);
    counts.total += n;
    counts.byStatus[row.status] += n;
    if (row.reason !== null && n > 0) counts.byReason[row.reason] = n;
  }
  return counts;
}
