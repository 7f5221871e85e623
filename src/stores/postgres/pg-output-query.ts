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

/** A search's words as a tsquery condition, or null without words. */
function searchCondition(f: OutputFilter, p: Params): string | null {
  const words = f.q === undefined ? [] : searchWords(f.q);
  // Words are letters and digits only, so joining them with & is a well-formed tsquery.
  return words.length > 0 ? `search @@ to_tsquery('simple', ${p.add(words.join(' & '))})` : null;
}

/** WHERE conditions of the records table; the search's with `search`. */
function recordConditions(f: OutputFilter, p: Params, search = true): string[] {
  const where: string[] = [];
  if (f.from !== undefined) where.push(`day >= ${p.add(f.from)}::date`);
  if (f.to !== undefined) where.push(`day <= ${p.add(f.to)}::date`);
  if (f.publisher !== undefined) where.push(`publisher = ${p.add(f.publisher)}`);
  if (f.language !== undefined) where.push(`language = ${p.add(f.language)}`);
  if (f.story !== undefined) where.push(`story = ${p.add(f.story)}`);
  const match = search ? searchCondition(f, p) : null;
  if (match !== null) where.push(match);
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

/**
 * A search probes the newest PROBE_ROWS rows matching the other filters first: a common word
 * fills its page there (the planner, which cannot know how rare a word is, would otherwise
 * walk the written-time index for a rare one, 1.3 s at 100,000 records). A short probe then
 * asks the GIN index for every match and sorts those (a materialized CTE keeps the planner
 * from walking the order index again).
 */
const PROBE_ROWS = 2000;

export async function queryPage(db: Database, tables: Tables, query: OutputQuery): Promise<OutputSummary[]> {
  const statuses = statusesOf(query);
  if (statuses.length === 0 || query.limit < 1) return [];
  const order = query.after !== undefined ? 'ASC' : 'DESC';
  const orderBy = `ORDER BY updated_at ${order}, id ${order}`;
  const keyset = (p: Params, conditions: string[]) => {
    if (query.after) conditions.push(`(updated_at, id) > ${positionOf(p, query.after)}`);
    if (query.before) conditions.push(`(updated_at, id) < ${positionOf(p, query.before)}`);
    return conditions;
  };
  const run = async (p: Params, pageSelect: string, preamble = '') => {
    const { rows } = await db.query<SummaryRow>(summariesOf(tables, pageSelect, order, preamble), p.values);
    return rows.map(summaryOfRow);
  };

  if (searchCondition(query, new Params()) !== null) {
    // A search lists records only (statusesOf), so it has no rejection branch.
    const p = new Params();
    const limit = p.add(query.limit);
    const newest = `SELECT id, updated_at, search FROM ${tables.records} ${whereClause(keyset(p, recordConditions(query, p, false)))} ${orderBy} LIMIT ${PROBE_ROWS}`;
    const probed = await run(p, `SELECT 'record'::text AS status, id, updated_at FROM (${newest}) newest WHERE ${searchCondition(query, p)} ${orderBy} LIMIT ${limit}`);
    if (probed.length === query.limit) return probed;
    const q = new Params();
    const all = q.add(query.limit);
    const matches = `matches AS MATERIALIZED (SELECT id, updated_at FROM ${tables.records} ${whereClause(keyset(q, recordConditions(query, q)))})`;
    return run(q, `SELECT 'record'::text AS status, id, updated_at FROM matches ${orderBy} LIMIT ${all}`, matches);
  }

  const p = new Params();
  const limit = p.add(query.limit);
  const branches: string[] = [];
  if (statuses.includes('record')) {
    const where = keyset(p, recordConditions(query, p));
    branches.push(`(SELECT 'record'::text AS status, id, updated_at FROM ${tables.records} ${whereClause(where)} ${orderBy} LIMIT ${limit})`);
  }
  if (statuses.includes('rejected') || statuses.includes('failed')) {
    const where = keyset(p, rejectionConditions(query, statuses, p));
    branches.push(`(SELECT ${REJECTION_STATUS} AS status, id, updated_at FROM ${tables.rejections} ${whereClause(where)} ${orderBy} LIMIT ${limit})`);
  }
  return run(p, `SELECT * FROM (${branches.join(' UNION ALL ')}) branches ${orderBy} LIMIT ${limit}`);
}

/** The summaries of the page `pageSelect` picks (status, id, updated_at), reading only those rows. */
function summariesOf(tables: Tables, pageSelect: string, order: string, preamble: string): string {
  return `
    WITH ${preamble ? `${preamble}, ` : ''}page AS (${pageSelect})
    SELECT page.status, page.id, ${MICROS('page.updated_at')} AS micros, page.updated_at AS written_at,
      coalesce(r.record->'source'->>'name', j.record->'source'->>'name') AS name,
      left(r.title, ${SUMMARY_TITLE_CHARS}) AS title, r.date, r.publisher, r.url AS page_url,
      length(r.record->>'body') AS body_chars, r.language, r.story, j.reason
    FROM page
      LEFT JOIN ${tables.records} r ON page.status = 'record' AND r.id = page.id
      LEFT JOIN ${tables.rejections} j ON page.status <> 'record' AND j.id = page.id
    ORDER BY page.updated_at ${order}, page.id ${order}`;
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
