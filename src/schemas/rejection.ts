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
 */
export const RejectionReason = z.enum(['empty', 'binary', 'too-large', 'decode-error', 'no-article', 'too-short', 'failed', 'too-complex', 'too-slow']);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** The value clean() returns instead of a record. */
export const Rejection = z.object({
  ok: z.literal(false),
  reason: RejectionReason,
  /** One human sentence: what was wrong with the input. */
  detail: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

/** What the pipeline stores in rejected/<id>.json. */
export const RejectionRecord = Rejection.extend({
  schemaVersion: z.literal(1),
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
