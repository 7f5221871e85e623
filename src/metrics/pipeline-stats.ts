import type { Redis } from 'ioredis';

/**
 * Pipeline counters live in Redis, not in process memory: producers and workers run in
 * many processes (and machines), and the dashboard's /metrics must report their sum.
 * One hash per prefix, `<prefix>:stats`; every update is a single MULTI of HINCRBY(FLOAT)s.
 */

/** Histogram bucket upper bounds in seconds, shared by writer and reader. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/**
 * Bounds for the time from a file's arrival to its output: it includes the wait in the queue,
 * which runs to minutes or an hour under a backlog, far beyond one job's DURATION_BUCKETS.
 */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

export type Counter = 'files_ingested' | 'bytes_ingested' | 'records_written' | 'bytes_processed' | 'job_failures' | 'duplicates_skipped' | 'raw_requeued' | 'records_updated';
/**
 * drop_to_output_seconds: from `source.receivedAt` (the producer took the file) to the moment its
 * record or rejection is announced, observed by the worker that finishes the job.
 */
export type Histogram = 'job_duration_seconds' | 'clean_duration_seconds' | 'drop_to_output_seconds';

/** The upper bounds a histogram's observations are counted under. */
export const bucketsOf = (histogram: Histogram): readonly number[] => (histogram === 'drop_to_output_seconds' ? LATENCY_BUCKETS : DURATION_BUCKETS);

export const statsKey = (prefix: string): string => `${prefix}:stats`;

export interface StatsUpdate {
  counters?: Partial<Record<Counter, number>>;
  /** Rejection reason → count. */
  rejections?: Record<string, number>;
  /** Histogram → one observed value in seconds. */
  observe?: Partial<Record<Histogram, number>>;
}

/** One stats change: HINCRBY (integer) or HINCRBYFLOAT of one field of `<prefix>:stats`. */
export interface StatsIncrement {
  field: string;
  by: number;
  float: boolean;
}

/** The field increments an update stands for (shared by recordStats and the record-event script). */
export function statsIncrements(update: StatsUpdate): StatsIncrement[] {
  const out: StatsIncrement[] = [];
  for (const [name, n] of Object.entries(update.counters ?? {})) if (n) out.push({ field: name, by: n, float: false });
  for (const [reason, n] of Object.entries(update.rejections ?? {})) if (n) out.push({ field: `rejected:${reason}`, by: n, float: false });
  for (const [name, seconds] of Object.entries(update.observe ?? {})) {
    if (seconds === undefined) continue;
    const bucket = bucketsOf(name as Histogram).find((le) => seconds <= le);
    out.push({ field: `${name}:bucket:${bucket ?? '+Inf'}`, by: 1, float: false });
    out.push({ field: `${name}:count`, by: 1, float: false });
    out.push({ field: `${name}:sum`, by: seconds, float: true });
  }
  return out;
}

export async function recordStats(redis: Redis, prefix: string, update: StatsUpdate): Promise<void> {
  const key = statsKey(prefix);
  const multi = redis.multi();
  for (const { field, by, float } of statsIncrements(update)) {
    if (float) multi.hincrbyfloat(key, field, by);
    else multi.hincrby(key, field, by);
  }
  await multi.exec();
}

export interface HistogramSnapshot {
  /** Non-cumulative count per upper bound (seconds, or Infinity). */
  buckets: Map<number, number>;
  count: number;
  sum: number;
}

export interface StatsSnapshot {
  counters: Record<Counter, number>;
  rejections: Record<string, number>;
  histograms: Record<Histogram, HistogramSnapshot>;
}

const emptyHistogram = (): HistogramSnapshot => ({ buckets: new Map(), count: 0, sum: 0 });

export async function readStats(redis: Redis, prefix: string): Promise<StatsSnapshot> {
  const raw = await redis.hgetall(statsKey(prefix));
  const snapshot: StatsSnapshot = {
    counters: {
      files_ingested: 0,
      bytes_ingested: 0,
      records_written: 0,
      bytes_processed: 0,
      job_failures: 0,
      duplicates_skipped: 0,
      raw_requeued: 0,
      records_updated: 0,
    },
    rejections: {},
    histograms: { job_duration_seconds: emptyHistogram(), clean_duration_seconds: emptyHistogram(), drop_to_output_seconds: emptyHistogram() },
  };
  for (const [field, value] of Object.entries(raw)) {
    const n = Number(value);
    if (field.startsWith('rejected:')) {
      snapshot.rejections[field.slice('rejected:'.length)] = n;
      continue;
    }
    const [name, part, le] = field.split(':') as [string, string | undefined, string | undefined];
    if (name in snapshot.histograms) {
      const h = snapshot.histograms[name as Histogram];
      if (part === 'count') h.count = n;
      else if (part === 'sum') h.sum = n;
      else if (part === 'bucket' && le !== undefined) h.buckets.set(le === '+Inf' ? Infinity : Number(le), n);
    } else if (name in snapshot.counters) {
      snapshot.counters[name as Counter] = n;
    }
  }
  return snapshot;
}
