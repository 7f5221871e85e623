import { z } from 'zod';
import { RejectionReason } from '../schemas/index.js';
import { dayOf, isStoreCursor } from '../stores/output-query.js';
import { isCursor } from '../record-events/index.js';

/**
 * The read API's contract as zod schemas: the routes parse their queries with them, the tests
 * parse the answers with them, and /api/openapi.json is generated from them (openapi.ts).
 */

/** Page size bounds of GET /api/records. */
export const LIST_LIMIT = { default: 50, max: 500 } as const;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => dayOf(day) === day, 'a real calendar day');

const Cursor = z
  .string()
  .refine((v) => isCursor(v) || isStoreCursor(v), 'a stream cursor (1700000000000-0) or a store cursor (<microseconds>.<id>)')
  .meta({ description: 'A stream cursor `<ms>-<seq>` (unfiltered lists) or a store cursor `<µs>.<sha256>` (filtered lists), as handed out in `next`/`prev`.' });

const Status = z.enum(['record', 'rejected', 'failed', 'all']);

/** Filters shared by the list and its counts, each with what it means. */
export const FILTER_PARAMS = {
  status: Status.meta({ description: 'record, rejected (any reason but failed), failed (a job that exhausted its retries) or all. List default: record (all when reason is given); counts default: all.' }),
  from: Day.meta({ description: 'Publication day on or after (YYYY-MM-DD); records without a date never match.' }),
  to: Day.meta({ description: 'Publication day on or before (YYYY-MM-DD).' }),
  publisher: z.string().max(1000).meta({ description: 'Exact publisher.' }),
  language: z.string().max(35).meta({ description: 'Exact language tag, e.g. en.' }),
  reason: RejectionReason.meta({ description: 'Rejection reason (rejections only).' }),
  q: z.string().max(500).meta({ description: 'Words that must all appear, as whole words, in the title or body (case-insensitive; records only).' }),
  story: z.string().max(200).meta({ description: 'Story id (records only).' }),
} as const;

export const LIST_PARAMS = {
  after: Cursor.meta({ description: 'Entries written after this cursor, oldest first (follow by polling with next).' }),
  before: Cursor.meta({ description: 'The `limit` entries just before this cursor (page back with prev).' }),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT.max).meta({ description: `Page size, 1–${LIST_LIMIT.max}, default ${LIST_LIMIT.default}.` }),
  ...FILTER_PARAMS,
} as const;

/** Read by the token check (a browser's first visit), not by the routes. */
const TOKEN_PARAM = { token: z.string() };

/** An empty value (`publisher=` from a form) means the parameter is not given. */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

function queryObject<S extends Record<string, z.ZodType>>(params: S) {
  const entries = Object.entries({ ...params, ...TOKEN_PARAM }).map(([name, schema]) => [name, blankIsAbsent(schema)]);
  const shape = Object.fromEntries(entries) as unknown as {
    [K in keyof S | 'token']: z.ZodType<(K extends keyof S ? z.output<S[K]> : string) | undefined>;
  };
  // A parameter a route does not know is an error, not silently ignored (`since=` returned everything).
  return z.object(shape).strict();
}

export const ListQuery = queryObject(LIST_PARAMS).refine((q) => !(q.after && q.before), 'pass either after or before, not both');
export type ListQuery = z.infer<typeof ListQuery>;

export const CountsQuery = queryObject(FILTER_PARAMS);
export type CountsQuery = z.infer<typeof CountsQuery>;

export const EntryStatusSchema = z.enum(['record', 'rejected', 'failed']);

export const EntrySummarySchema = z
  .object({
    name: z.string().nullable(),
    title: z.string().nullable().meta({ description: 'At most 300 characters.' }),
    date: z.string().nullable(),
    publisher: z.string().nullable(),
    pageUrl: z.string().nullable(),
    bodyChars: z.number().int().nullable(),
    language: z.string().nullable(),
    story: z.string().nullable().meta({ description: 'Id of the story the record was placed in.' }),
    reason: z.string().nullable().meta({ description: 'Rejections: why.' }),
  });
export type EntrySummary = z.infer<typeof EntrySummarySchema>;

export const ListItemSchema = z.object({
  cursor: z.string(),
  id: z.string(),
  status: EntryStatusSchema,
  url: z.string().meta({ description: 'Where the whole stored JSON is: /api/records/<id> or /api/rejected/<id>.' }),
  summary: EntrySummarySchema.nullable().meta({ description: 'null when the store no longer holds the entry.' }),
});

export const ListResponseSchema = z
  .object({
    items: z.array(ListItemSchema).meta({ description: 'Oldest first.' }),
    next: z.string().nullable().meta({ description: 'Pass as after= for what is written later; unchanged when nothing new arrived.' }),
    prev: z.string().nullable().meta({ description: 'Pass as before= to page back; null at the start.' }),
  });
export type ListResponse = z.infer<typeof ListResponseSchema>;

export const CountsResponseSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object({ record: z.number().int(), rejected: z.number().int(), failed: z.number().int() }),
    byReason: z.record(z.string(), z.number().int()),
  });

export const ApiErrorSchema = z
  .object({ statusCode: z.number().int(), code: z.string(), error: z.string(), message: z.string() });

/** The `data` of one Server-Sent Event of /api/events (and the fields of a record stream entry). */
export const RecordEventSchema = z
  .object({
    cursor: z.string(),
    id: z.string(),
    status: EntryStatusSchema,
    url: z.string(),
    title: z.string().nullable(),
    date: z.string().nullable(),
    pageUrl: z.string().nullable(),
    story: z.string().nullable(),
  });

export const HealthSchema = z
  .object({ ok: z.boolean(), redis: z.boolean(), writable: z.boolean(), queue: z.boolean(), reason: z.string().nullable() });
