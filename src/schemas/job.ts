import { z } from 'zod';
import { Sha256 } from './clean-record.js';

/** The BullMQ job payload: a reference to the raw bytes, never the bytes themselves. */
export const CleanJob = z.object({
  /** Key in the raw store; equal to the sha256 of the bytes and to the job id. */
  rawKey: Sha256,
  /** Original file name (relative to the inbox), kept for the record's source.name. */
  name: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  receivedAt: z.string().datetime({ offset: true }),
  /**
   * Queued again by the reconciler for a raw entry whose job was lost (Redis lost its data):
   * `name` is then the one the raw store kept, or `recovered/<key>` where it keeps none.
   */
  recovered: z.literal(true).optional(),
  /**
   * Queued by `scour reprocess` for a kept raw entry whose output exists: the worker reads the
   * kept bytes and replaces the output (a job without it treats a kept entry as done).
   */
  reprocess: z.literal(true).optional(),
});
export type CleanJob = z.infer<typeof CleanJob>;
