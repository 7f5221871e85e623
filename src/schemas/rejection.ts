import { z } from 'zod';
import { Sha256 } from './clean-record.js';

/**
 * Why an input produced no record. Stable codes: dashboards and metrics group by them.
 * - empty: no bytes, or only whitespace
 * - binary: not text in any encoding we read (NUL bytes, control characters, images…)
 * - too-large: over the configured byte limit
 * - decode-error: compressed or encoded data that could not be decoded
 * - no-article: text, but nothing that reads like an article (index page, error page…)
 * - too-short: an article-like body, but below the minimum length
 * - failed: the job exhausted its retries (the error is in `detail`)
 * - too-complex: more markup tags or lines than one input may cost memory for, or more heap
 *   than the cleaner's thread may use (see CLEAN_SETTINGS.maxHtmlTags, SCOUR_CLEAN_HEAP_MB)
 * - too-slow: clean() ran over its time budget (SCOUR_CLEAN_BUDGET_MS) and was stopped
 * - superseded: the file was written again after it was queued (a slow writer); its final bytes
 *   were queued as an input of their own, named in `detail`
 * - not-a-regular-file: an inbox entry that is a symbolic link, FIFO, socket or device, or a
 *   file whose real path is outside the inbox; never read (its id stands for the entry, not its bytes)
 */
export const RejectionReason = z.enum(['empty', 'binary', 'too-large', 'decode-error', 'no-article', 'too-short', 'failed', 'too-complex', 'too-slow', 'not-a-regular-file', 'superseded']);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** The value clean() returns instead of a record. */
export const Rejection = z.object({
  ok: z.literal(false),
  reason: RejectionReason,
  /** One human sentence: what was wrong with the input. */
  detail: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

/** Version of the rejection record's shape. */
export const REJECTION_SCHEMA_VERSION = 1 as const;

/** What the pipeline stores in rejected/<id>.json. */
export const RejectionRecord = Rejection.extend({
  schemaVersion: z.literal(REJECTION_SCHEMA_VERSION),
  id: Sha256,
  source: z.object({
    name: z.string(),
    sha256: Sha256,
    bytes: z.number().int().nonnegative(),
    receivedAt: z.string().datetime({ offset: true }),
  }),
  /** Attempts made when the reason is "failed"; 1 otherwise. */
  attempts: z.number().int().positive(),
  pipeline: z.object({ version: z.string(), processedAt: z.string().datetime({ offset: true }) }),
});
export type RejectionRecord = z.infer<typeof RejectionRecord>;

/** What a rejection record is built from; the schema version is filled in. */
export type RejectionRecordFields = Omit<RejectionRecord, 'ok' | 'schemaVersion'>;

/** The one place a rejection record is built: validated, so a malformed one fails where it is made. */
export function rejectionRecord(fields: RejectionRecordFields): RejectionRecord {
  return RejectionRecord.parse({ ok: false, schemaVersion: REJECTION_SCHEMA_VERSION, ...fields });
}
