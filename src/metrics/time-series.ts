import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { LATENCY_BUCKETS, readStats, type HistogramSnapshot } from './pipeline-stats.js';

/**
 * The console's live charts over the last hour. The pipeline's counters are running totals
 * summed over every process (`<prefix>:stats`); a sampler in each dashboard copies them, with
 * the queue depth and the worker count, into one sorted set `<prefix>:console:series` (score =
 * sample time), trimmed to the last hour. Rates, rejections and drop-to-output percentiles per
 * minute are the differences between consecutive samples, so they hold however many worker
 * processes feed the counters and however many dashboards sample them.
 */

export const seriesKey = (prefix: string): string => `${prefix}:console:series`;

/** How far back the charts reach. */
export const SERIES_SPAN_MS = 3_600_000;
/** One chart point per minute. */
export const SERIES_STEP_MS = 60_000;
/** How often a dashboard samples (a step holds several samples, so a missed one costs nothing). */
export const SAMPLE_INTERVAL_MS = 10_000;

/** Queue states that count as depth: work not yet done. */
const DEPTH_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;

/** Running totals and gauges at one instant. */
export interface Sample {
  t: number;
  files: number;
  records: number;
  failures: number;
  /** reason → running total. */
  rejections: Record<string, number>;
  /** Non-cumulative drop-to-output bucket counts, keyed by upper bound ("+Inf" last). */
  latency: Record<string, number>;
  /** Jobs not yet done (waiting + active + delayed + prioritized), or null when unreadable. */
  queueDepth: number | null;
  /** BullMQ worker connections on the queue, or null when Redis refuses CLIENT LIST. */
  workers: number | null;
  /** Which worker processes were connected (see workerIdOf), at most MAX_TRACKED_WORKERS. */
  alive?: string[];
}

/** Worker processes whose liveness the series tracks by name; beyond that only the count. */
export const MAX_TRACKED_WORKERS = 200;

/** One minute of the chart. */
export interface SeriesPoint {
  /** Start of the minute, ms since the epoch. */
  t: number;
  filesIn: number;
  records: number;
  failures: number;
  rejections: Record<string, number>;
  /** Seconds from drop to output for the outputs of this minute; null when there were none. */
  p50: number | null;
  p99: number | null;
  /** Last value sampled in the minute; null when no sample fell in it. */
  queueDepth: number | null;
  workers: number | null;
}

/** A worker connection as Redis lists it: its name, address, age and seconds since its last command. */
export interface WorkerInfo {
  /** The process's own name (host-pid, see clean-worker.ts), else its address. */
  worker: string;
  name: string;
  addr: string;
  ageSeconds: number;
  idleSeconds: number;
}

/** One worker process over the chart's minutes: whether a sample of that minute saw it. */
export interface WorkerPresence {
  worker: string;
  /** Per point: true seen, false sampled without it, null not sampled. */
  seen: Array<boolean | null>;
}

export interface Series {
  stepMs: number;
  from: number;
  to: number;
  points: SeriesPoint[];
  presence: WorkerPresence[];
  /** Samples the points were built from (0 = the sampler has not run yet). */
  samples: number;
}

function latencyOf(h: HistogramSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [le, n] of h.buckets) out[Number.isFinite(le) ? String(le) : '+Inf'] = n;
  return out;
}

export async function takeSample(redis: Redis, prefix: string, queue: Queue, now: number): Promise<Sample> {
  const [stats, counts, workers] = await Promise.all([readStats(redis, prefix), queue.getJobCounts(...DEPTH_STATES).catch(() => null), listWorkers(queue)]);
  return {
    t: now,
    files: stats.counters.files_ingested,
    records: stats.counters.records_written,
    failures: stats.counters.job_failures,
    rejections: stats.rejections,
    latency: latencyOf(stats.histograms.drop_to_output_seconds),
    queueDepth: counts ? DEPTH_STATES.reduce((sum, state) => sum + (counts[state] ?? 0), 0) : null,
    workers: workers?.length ?? null,
    alive: workers ? [...new Set(workers.map((w) => w.worker))].sort().slice(0, MAX_TRACKED_WORKERS) : undefined,
  };
}

export async function storeSample(redis: Redis, prefix: string, sample: Sample, spanMs = SERIES_SPAN_MS): Promise<void> {
  const key = seriesKey(prefix);
  await redis
    .multi()
    .zadd(key, sample.t, JSON.stringify(sample))
    // One step more than the span, so the oldest minute still has the sample before it.
    .zremrangebyscore(key, '-inf', sample.t - spanMs - SERIES_STEP_MS)
    // A prefix nobody samples any more does not keep its series.
    .pexpire(key, 2 * spanMs)
    .exec();
}

export async function readSamples(redis: Redis, prefix: string, since: number): Promise<Sample[]> {
  const members = await redis.zrangebyscore(seriesKey(prefix), since, '+inf');
  const out: Sample[] = [];
  for (const member of members) {
    try {
      out.push(JSON.parse(member) as Sample);
    } catch {
      // Not ours (a hand-written member): skipped, the chart shows a gap.
    }
  }
  return out;
}

/**
 * Seconds under which a share q of the observations fell, interpolated inside its bucket (as
 * Prometheus's histogram_quantile); a bucket runs from the declared bound below it.
 */
export function quantile(q: number, buckets: Record<string, number>, bounds: readonly number[] = LATENCY_BUCKETS): number | null {
  const rows = Object.entries(buckets)
    .map(([le, n]) => [le === '+Inf' ? Infinity : Number(le), n] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a - b);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  const lowerOf = (le: number): number => bounds.filter((b) => b < le).reduce((max, b) => Math.max(max, b), 0);
  let below = 0;
  for (const [le, n] of rows) {
    if (below + n >= rank) {
      // Above the last finite bound nothing finer is known: report that bound.
      if (!Number.isFinite(le)) return lowerOf(le);
      const lower = lowerOf(le);
      return lower + (le - lower) * ((rank - below) / n);
    }
    below += n;
  }
  return null;
}

const delta = (after: number, before: number): number => Math.max(0, after - before);

function addDeltas(into: Record<string, number>, after: Record<string, number>, before: Record<string, number>): void {
  for (const [key, n] of Object.entries(after)) {
    const d = delta(n, before[key] ?? 0);
    if (d > 0) into[key] = (into[key] ?? 0) + d;
  }
}

/**
 * Minute points from samples (oldest first): each pair of consecutive samples adds its
 * difference to the minute of the later one; a counter that went down (its hash was reset)
 * adds nothing. Gauges take the last sample of the minute.
 */
export function buildSeries(samples: readonly Sample[], now: number, spanMs = SERIES_SPAN_MS, stepMs = SERIES_STEP_MS): Series {
  const first = Math.floor((now - spanMs) / stepMs) * stepMs + stepMs;
  const count = Math.floor((now - first) / stepMs) + 1;
  const points: SeriesPoint[] = Array.from({ length: count }, (_, i) => ({
    t: first + i * stepMs,
    filesIn: 0,
    records: 0,
    failures: 0,
    rejections: {},
    p50: null,
    p99: null,
    queueDepth: null,
    workers: null,
  }));
  const latency: Array<Record<string, number>> = points.map(() => ({}));
  const sampled: boolean[] = points.map(() => false);
  const seen = new Map<string, Array<boolean | null>>();
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  for (let i = 0; i < sorted.length; i++) {
    const sample = sorted[i]!;
    const index = Math.floor((sample.t - first) / stepMs);
    if (index < 0 || index >= count) continue;
    const point = points[index]!;
    point.queueDepth = sample.queueDepth;
    point.workers = sample.workers;
    if (sample.alive) {
      sampled[index] = true;
      for (const worker of sample.alive) {
        let row = seen.get(worker);
        if (!row) seen.set(worker, (row = points.map(() => null)));
        row[index] = true;
      }
    }
    const before = sorted[i - 1];
    if (!before) continue;
    point.filesIn += delta(sample.files, before.files);
    point.records += delta(sample.records, before.records);
    point.failures += delta(sample.failures, before.failures);
    addDeltas(point.rejections, sample.rejections, before.rejections);
    addDeltas(latency[index]!, sample.latency, before.latency);
  }
  points.forEach((point, i) => {
    point.p50 = quantile(0.5, latency[i]!);
    point.p99 = quantile(0.99, latency[i]!);
  });
  const presence = [...seen]
    .slice(0, MAX_TRACKED_WORKERS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([worker, row]) => ({ worker, seen: row.map((v, i) => v ?? (sampled[i] ? false : null)) }));
  return { stepMs, from: first, to: now, points, presence, samples: sorted.length };
}

export async function readSeries(redis: Redis, prefix: string, now: number, spanMs = SERIES_SPAN_MS): Promise<Series> {
  // From one step before the span, so the first minute has the sample its differences start from.
  return buildSeries(await readSamples(redis, prefix, now - spanMs - SERIES_STEP_MS), now, spanMs);
}

/** A worker process's name in BullMQ's client name (`<prefix>:<queue>:w:<name>`), else its connection's address. */
export function workerIdOf(clientName: string, addr: string): string {
  const marker = clientName.indexOf(':w:');
  return marker === -1 ? addr || clientName : clientName.slice(marker + 3);
}

/** Redis CLIENT LIST entries of the queue's workers, as BullMQ's getWorkers returns them. */
export async function listWorkers(queue: Queue): Promise<WorkerInfo[] | null> {
  const clients = await queue.getWorkers().catch(() => null);
  if (!clients) return null;
  return clients.map((c) => ({
    worker: workerIdOf(c.rawname ?? c.name ?? '', c.addr ?? ''),
    name: c.rawname ?? c.name ?? '',
    addr: c.addr ?? '',
    ageSeconds: Number(c.age ?? 0),
    idleSeconds: Number(c.idle ?? 0),
  }));
}

export interface Sampler {
  /** Takes and stores one sample now (the timer does this every interval). */
  sampleNow(): Promise<void>;
  stop(): void;
}

/** Samples at once, then every intervalMs; a failed sample (Redis away) is logged and skipped. */
export function startSampler(deps: { redis: Redis; prefix: string; queue: Queue; logger: Logger; intervalMs?: number }): Sampler {
  let running: Promise<void> | null = null;
  const sampleNow = async (): Promise<void> => {
    const sample = await takeSample(deps.redis, deps.prefix, deps.queue, Date.now());
    await storeSample(deps.redis, deps.prefix, sample);
  };
  const tick = () => {
    if (running) return;
    running = sampleNow()
      .catch((err: unknown) => deps.logger.debug({ err }, 'console sample skipped'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? SAMPLE_INTERVAL_MS);
  timer.unref();
  return { sampleNow, stop: () => clearInterval(timer) };
}
