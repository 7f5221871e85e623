import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CleanRecord, RejectionRecord, StoredRecord } from '../schemas/index.js';
import type { OutputKind, OutputStore } from '../stores/types.js';
import {
  decodeStoreCursor,
  recordSummaryFields,
  rejectionSummaryFields,
  type OutputFilter,
  type OutputSummary,
  type StatusChoice,
} from '../stores/output-query.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { TIMED_OUT, within } from './within.js';
import { isValidId } from '../ids.js';
import { outputKindOf, recordsStreamKey, type StreamEvent } from '../record-events/index.js';
import { readAfter, readBefore } from '../record-events/index.js';
import { CountsQuery, LIST_LIMIT, ListQuery, type EntrySummary, type ListResponse } from './api-schemas.js';

export { LIST_LIMIT } from './api-schemas.js';
export type { EntrySummary } from './api-schemas.js';

/** The API path a consumer fetches an entry's stored JSON from. */
export const apiPathOf = (event: Pick<StreamEvent, 'id' | 'status'>): string => `/api/${outputKindOf(event.status)}/${event.id}`;

/** Store reads in flight per list request. */
const SUMMARY_READS_AT_ONCE = 8;

/** The summary of a stored entry, or null when it is neither a record nor a rejection. */
export function summaryOf(stored: unknown): EntrySummary | null {
  const record = StoredRecord.safeParse(stored);
  if (record.success) return recordSummaryFields(record.data);
  const rejection = RejectionRecord.safeParse(stored);
  if (rejection.success) return rejectionSummaryFields(rejection.data);
  return null;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** Stream entries one list request may examine while filtering by status. */
export const LIST_SCAN_LIMIT = 10_000;
/** How long a list request waits for Redis before answering 503. */
const REDIS_WAIT_MS = 5000;

/** The store filter a query's parameters name; reason alone implies every status that has one. */
function storeFilterOf(q: Omit<CountsQuery, 'token'>, defaultStatus: StatusChoice): OutputFilter {
  const filter: OutputFilter = { status: q.status ?? (q.reason !== undefined ? 'all' : defaultStatus) };
  for (const key of ['from', 'to', 'publisher', 'language', 'reason', 'q', 'story'] as const) if (q[key] !== undefined) filter[key] = q[key];
  return filter;
}

const hasStoreFilter = (q: CountsQuery): boolean => (['from', 'to', 'publisher', 'language', 'reason', 'q', 'story'] as const).some((key) => q[key] !== undefined);

function badQuery(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const cursorIssue = error.issues.some((i) => i.path[0] === 'after' || i.path[0] === 'before');
  if (cursorIssue) return sendError(reply, API_ERRORS.BAD_CURSOR);
  const message = error.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
      return i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message;
    })
    .join('; ');
  return sendError(reply, API_ERRORS.BAD_QUERY, message);
}

const itemOf = (s: OutputSummary) => {
  const { id, status, cursor, writtenAt: _writtenAt, ...summary } = s;
  return { cursor, id, status, url: apiPathOf({ id, status }), summary };
};

/**
 * The read API over the output store:
 * - GET /api/records                 newest `limit` entries, returned oldest first
 * - GET /api/records?after=<cursor>  entries written after the cursor, oldest first (polling)
 * - GET /api/records?before=<cursor> the `limit` entries just before the cursor (history)
 *   Without filters the order and cursors are the record stream's; with any of from, to,
 *   publisher, language, reason, q, story they are the store's (written time, keyset cursors).
 * - GET /api/records/counts          entries matching the filters, by status and reason
 * - GET /api/records/:id, /api/rejected/:id  one stored JSON, read only through the store
 * - GET /api/schema                  JSON Schema of the record
 */
export function registerRecordsApi(app: FastifyInstance, deps: { redis: Redis; store: OutputStore; prefix: string }): void {
  const streamKey = recordsStreamKey(deps.prefix);
  // Generated once from the same zod schema the workers validate against.
  const schema = z.toJSONSchema(CleanRecord);

  app.get('/api/records', async (request, reply) => {
    const parsed = ListQuery.safeParse(request.query ?? {});
    if (!parsed.success) return badQuery(reply, parsed.error);
    const query = parsed.data;
    const cursorText = query.after ?? query.before;
    const storeCursor = cursorText === undefined ? null : decodeStoreCursor(cursorText);
    if (hasStoreFilter(query) || storeCursor !== null) {
      if (cursorText !== undefined && storeCursor === null) {
        return sendError(reply, API_ERRORS.BAD_CURSOR, 'with filters, pass the store cursor (<microseconds>.<id>) a filtered page handed out');
      }
      return listFromStore(query, storeCursor);
    }
    return listFromStream(query, reply);
  });

  /** Keyset pages over the store, in the same shape and meaning as the stream's. */
  async function listFromStore(query: ListQuery, cursor: ReturnType<typeof decodeStoreCursor>): Promise<ListResponse> {
    const limit = query.limit ?? LIST_LIMIT.default;
    const filter = storeFilterOf(query, 'record');
    if (query.after !== undefined) {
      const newer = await deps.store.query({ ...filter, limit, after: cursor! });
      return { items: newer.map(itemOf), next: newer.at(-1)?.cursor ?? query.after, prev: null };
    }
    const older = await deps.store.query({ ...filter, limit, ...(cursor ? { before: cursor } : {}) });
    const items = older.reverse().map(itemOf);
    return {
      items,
      next: items.at(-1)?.cursor ?? null,
      // A short page reached the oldest match.
      prev: items.length === limit ? items[0]!.cursor : null,
    };
  }

  async function listFromStream(query: ListQuery, reply: FastifyReply): Promise<ListResponse | FastifyReply> {
    const { after, before } = query;
    const opts = { limit: query.limit ?? LIST_LIMIT.default, filter: query.status ?? 'record', scanLimit: LIST_SCAN_LIMIT };
    const reading = after ? readAfter(deps.redis, streamKey, after, opts) : readBefore(deps.redis, streamKey, before ?? null, opts);
    // An offline client queues commands until Redis returns: answer 503 instead of hanging.
    const page = await within(REDIS_WAIT_MS, reading).catch((): typeof TIMED_OUT => TIMED_OUT);
    if (page === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);
    // A few reads at a time, each reduced to its summary at once: a page of 500 records of
    // 15 MB each once held 7.5 GB of JSON and failed with "Invalid string length".
    // 'updated' entries (a record re-dated by its story) follow over /api/events, not here.
    const outputs = page.events.flatMap((event) => (event.status === 'updated' ? [] : [{ ...event, status: event.status }]));
    const items = await mapLimited(outputs, SUMMARY_READS_AT_ONCE, async (event) => ({
      cursor: event.cursor,
      id: event.id,
      status: event.status,
      url: apiPathOf(event),
      // null when the stream names an entry the store no longer holds.
      summary: summaryOf(await deps.store.read(outputKindOf(event.status), event.id)),
    }));
    return {
      items,
      // Poll with after=next for what is written later; unchanged when nothing new arrived.
      next: page.newest ?? after ?? null,
      // Page back with before=prev; null at the start of the stream.
      prev: after ? null : page.oldest,
    };
  }

  app.get('/api/records/counts', async (request, reply) => {
    const parsed = CountsQuery.safeParse(request.query ?? {});
    if (!parsed.success) return badQuery(reply, parsed.error);
    return deps.store.counts(storeFilterOf(parsed.data, 'all'));
  });

  const byId = (kind: OutputKind) => async (request: { params: unknown }, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    if (!isValidId(id)) return sendError(reply, API_ERRORS.BAD_ID);
    const stored = await deps.store.read(kind, id);
    if (stored === null) return sendError(reply, API_ERRORS.NOT_FOUND);
    return reply.send(stored);
  };
  app.get('/api/records/:id', byId('records'));
  app.get('/api/rejected/:id', byId('rejected'));

  app.get('/api/schema', async (_request, reply) => reply.type('application/schema+json; charset=utf-8').send(schema));
}
