import type { Redis } from 'ioredis';
import type { CleanOptions, CleanResult, RawInput } from '../clean/types.js';
import type { Logger } from '../log.js';
import type { CleanJob } from '../schemas/index.js';
import type { RecordEventDetails, RecordStatus } from '../record-events/index.js';
import type { OutputLocation, OutputStore, RawStore } from '../stores/types.js';
import type { StoryIndexBackend } from '../stories/story-index.js';

/** clean() itself, or a stand-in for it: in process (sync) or in a thread (see clean-thread.ts). */
export type CleanFn = (input: RawInput, options: CleanOptions) => CleanResult | Promise<CleanResult>;

/** Everything a job needs; one set per worker process. */
export interface CleanJobContext {
  raw: RawStore;
  output: OutputStore;
  /** Client for record events and stats (not BullMQ's). */
  redis: Redis;
  prefix: string;
  clean: CleanFn;
  /** YYYY-MM-DD for relative dates; never the clock. */
  referenceDate?: string;
  maxBytes: number;
  /**
   * Raw bytes found changed after they were queued (a slow writer) are taken as final once
   * they hold still this long (SCOUR_STABLE_MS), ms.
   */
  stableMs: number;
  /**
   * Raw bytes are kept this long after their output is written (SCOUR_RAW_RETENTION), ms; 0 =
   * deleted at once. The worker only keeps them; the producers' sweeper removes them when due.
   */
  rawRetentionMs: number;
  /** Queues a job for bytes already in the raw store (used for a file's final bytes). */
  enqueue(data: CleanJob): Promise<void>;
  logger: Logger;
  /** The shared stories index: each record is placed in its story before it is written (none: story stays null). */
  stories?: StoryIndexBackend;
  /** Clock for processedAt and durations (default Date.now). */
  now?: () => number;
}

/** The part of a BullMQ job the processor reads. */
export interface CleanJobLike {
  id?: string;
  data: unknown;
  attemptsMade: number;
  opts: { attempts?: number };
}

/** A job's return value (shown by bull-board): what it wrote, in store-neutral terms. */
export interface CleanJobOutcome {
  /** A job ends in an output; `updated` is only announced for an earlier record its story dated. */
  status: Exclude<RecordStatus, 'updated'>;
  output: OutputLocation;
  reason?: string;
  /** A record's title, date, page URL and story, carried by its stream event. */
  details?: RecordEventDetails;
}

