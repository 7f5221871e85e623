import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CleanRecord, RejectionRecord, StoredRecord } from '../schemas/index.js';
import type { OutputKind, OutputStore } from '../stores/types.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { TIMED_OUT, within } from './within.js';
import { isValidId } from '../ids.js';
import { outputKindOf, recordsStreamKey, type StreamEvent } from '../record-events/index.js';
import { isCursor, readAfter, readBefore } from '../record-events/index.js';

/** The API path a consumer fetches an entry's stored JSON from. */
export const apiPathOf = (event: Pick<StreamEvent, 'id' | 'status'>): string => `/api/${outputKindOf(event.status)}/${event.id}`;

/** Store reads in flight per list request. */
const SUMMARY_READS_AT_ONCE = 8;
/** Characters of a title kept in a summary. */
const SUMMARY_TITLE_CHARS = 300;

/**
 * What a list shows of an entry: enough to choose which to fetch whole from `url`, bounded
 * in size whatever the entry holds.
 */
export interface EntrySummary {
  name: string | null;
  title: string | null;
  date: string | null;
  publisher: string | null;
  pageUrl: string | null;
  bodyChars: number | null;
  /** Rejections: why. */
  reason: string | null;
}

export function summaryOf(stored: unknown): EntrySummary | null {
  const record = StoredRecord.safeParse(stored);
  if (record.success) {
    const r = record.data;
    return {
      name: r.source.name,
      title: r.title?.slice(0, SUMMARY_TITLE_CHARS) ?? null,
      date: r.date,
      publisher: r.publisher,
      pageUrl: r.source.url,
      bodyChars: r.body.length,
      reason: null,
    };
  }
  const rejection = RejectionRecord.safeParse(stored);
  if (rejection.success) {
    const r = rejection.data;
    return { name: r.source.name, title: null, date: null, publisher: null, pageUrl: null, bodyChars: null, reason: r.reason };
  }
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

/** Page size bounds of GET /api/records. */
export const LIST_LIMIT = { default: 50, max: 500 } as const;
/** Stream entries one list request may examine while filtering by status. */
export const LIST_SCAN_LIMIT = 10_000;
/** How long a list request waits for Redis before answering 503. */
const REDIS_WAIT_MS = 5000;

const ListQuery = z
  .object({
    after: z.string().refine(isCursor).optional(),
    before: z.string().refine(isCursor).optional(),
    // `limit=` with no value means the default, as a form would send it.
    limit: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(LIST_LIMIT.max).default(LIST_LIMIT.default)),
    status: z.enum(['record', 'rejected', 'failed', 'updated', 'all']).default('record'),
    // Read by the token check (a browser's first visit), not by this route.
    token: z.string().optional(),
  })
  // A parameter this route does not know is an error, not silently ignored (`since=` returned everything).
  .strict()
  .refine((q) => !(q.after && q.before), 'pass either after or before, not both');

/**
 * The read API over the output store, ordered by the record stream:
 * - GET /api/records                 newest `limit` entries, returned oldest first
 * - GET /api/records?after=<cursor>  entries written after the cursor, oldest first (polling)
 * - GET /api/records?before=<cursor> the `limit` entries just before the cursor (history)
 * - GET /api/records/:id, /api/rejected/:id  one stored JSON, read only through the store
 * - GET /api/schema                  JSON Schema of the record
 */
export function registerRecordsApi(app: FastifyInstance, deps: { redis: Redis; store: OutputStore; prefix: string }): void {
  const streamKey = recordsStreamKey(deps.prefix);
  // Generated once from the same zod schema the workers validate against.
  const schema = z.toJSONSchema(CleanRecord);

  app.get('/api/records', async (request, reply) => {
    const parsed = ListQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const cursorIssue = parsed.error.issues.some((i) => i.path[0] === 'after' || i.path[0] === 'before');
      const message = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
      return cursorIssue ? sendError(reply, API_ERRORS.BAD_CURSOR) : sendError(reply, API_ERRORS.BAD_QUERY, message);
    }
    const { after, before, limit, status } = parsed.data;
    const opts = { limit, filter: status, scanLimit: LIST_SCAN_LIMIT };
    const reading = after ? readAfter(deps.redis, streamKey, after, opts) : readBefore(deps.redis, streamKey, before ?? null, opts);
    // An offline client queues commands until Redis returns: answer 503 instead of hanging.
    const page = await within(REDIS_WAIT_MS, reading).catch((): typeof TIMED_OUT => TIMED_OUT);
    if (page === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);
    // A few reads at a time, each reduced to its summary at once: a page of 500 records of
    // 15 MB each once held 7.5 GB of JSON and failed with "Invalid string length".
    const items = await mapLimited(page.events, SUMMARY_READS_AT_ONCE, async (event) => ({
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
  });

  const byId = (kind: OutputKind) => async (request: { params: unknown }, reply: Parameters<typeof sendError>[0]) => {
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
