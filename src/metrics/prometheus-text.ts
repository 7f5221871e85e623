import { JOB_STATES } from '../queue/clean-queue.js';
import { bucketsOf, DURATION_BUCKETS, type Counter, type Histogram, type HistogramSnapshot, type StatsSnapshot } from './pipeline-stats.js';

/**
 * Renders the pipeline's Redis-held stats in the Prometheus text format (0.0.4). A plain
 * formatter rather than prom-client metric objects: the values are sums kept by many other
 * processes, read in one HGETALL per scrape, and the histograms arrive as stored bucket
 * counts that prom-client's Histogram cannot be set to.
 */

/** Every pipeline metric with its help text: the single list docs/dashboard.md mirrors. */
export const COUNTER_METRICS: ReadonlyArray<{ name: string; counter: Counter; help: string }> = [
  { name: 'scour_files_ingested_total', counter: 'files_ingested', help: 'Files taken from the inbox (or `scour add`) and enqueued.' },
  { name: 'scour_bytes_ingested_total', counter: 'bytes_ingested', help: 'Bytes of the files ingested.' },
  { name: 'scour_duplicates_skipped_total', counter: 'duplicates_skipped', help: 'Ingested files whose bytes were already queued or written (same sha256): no second job.' },
  { name: 'scour_records_written_total', counter: 'records_written', help: 'Clean records written to the output store.' },
  { name: 'scour_bytes_processed_total', counter: 'bytes_processed', help: 'Raw bytes run through clean() by the workers.' },
  { name: 'scour_records_updated_total', counter: 'records_updated', help: 'Records rewritten after they were written: a later member of their story lent them a date.' },
  { name: 'scour_raw_requeued_total', counter: 'raw_requeued', help: 'Raw entries the reconciler queued again because Redis had lost their job.' },
  { name: 'scour_job_failures_total', counter: 'job_failures', help: 'Jobs that failed for good (retries exhausted or unrecoverable), written to the rejected store with reason "failed".' },
];

export const REJECTIONS_METRIC = {
  name: 'scour_rejections_total',
  help: 'Inputs rejected (by clean(), or by the producer for not-a-regular-file), written to the rejected store, by reason.',
};

export const HISTOGRAM_METRICS: ReadonlyArray<{ name: string; histogram: Histogram; help: string }> = [
  { name: 'scour_job_duration_seconds', histogram: 'job_duration_seconds', help: 'Wall time of one job in a worker: load raw bytes, clean, validate, write.' },
  { name: 'scour_clean_duration_seconds', histogram: 'clean_duration_seconds', help: 'Time spent inside clean() for one input.' },
  {
    name: 'scour_drop_to_output_seconds',
    histogram: 'drop_to_output_seconds',
    help: 'From a file\'s arrival (source.receivedAt) to its record or rejection being announced: queue wait included.',
  },
];

export const QUEUE_METRIC = {
  name: 'scour_queue_jobs',
  help: 'Jobs in the clean queue by state, as BullMQ counts them at scrape time.',
};

/** Queue states reported, in a stable order. */
export const QUEUE_STATES = JOB_STATES;

const escapeLabel = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const num = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

function header(lines: string[], name: string, type: string, help: string): void {
  lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
}

/** Stored buckets are non-cumulative and keyed by upper bound; Prometheus wants running totals. */
export function cumulativeBuckets(h: HistogramSnapshot, declared: readonly number[] = DURATION_BUCKETS): Array<[le: string, count: number]> {
  const bounds = [...new Set<number>([...declared, ...h.buckets.keys()])].filter(Number.isFinite).sort((a, b) => a - b);
  let running = 0;
  const rows: Array<[string, number]> = bounds.map((le) => {
    running += h.buckets.get(le) ?? 0;
    return [num(le), running];
  });
  running += h.buckets.get(Infinity) ?? 0;
  // +Inf must equal _count; take the larger in case a writer died between its HINCRBYs.
  rows.push(['+Inf', Math.max(running, h.count)]);
  return rows;
}

export function formatPipelineMetrics(stats: StatsSnapshot, queueCounts: Partial<Record<string, number>> | null): string {
  const lines: string[] = [];
  for (const m of COUNTER_METRICS) {
    header(lines, m.name, 'counter', m.help);
    lines.push(`${m.name} ${num(stats.counters[m.counter])}`);
  }
  header(lines, REJECTIONS_METRIC.name, 'counter', REJECTIONS_METRIC.help);
  for (const [reason, n] of Object.entries(stats.rejections).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${REJECTIONS_METRIC.name}{reason="${escapeLabel(reason)}"} ${num(n)}`);
  }
  for (const m of HISTOGRAM_METRICS) {
    const h = stats.histograms[m.histogram];
    header(lines, m.name, 'histogram', m.help);
    const rows = cumulativeBuckets(h, bucketsOf(m.histogram));
    for (const [le, count] of rows) lines.push(`${m.name}_bucket{le="${le}"} ${count}`);
    lines.push(`${m.name}_sum ${num(h.sum)}`, `${m.name}_count ${rows[rows.length - 1]![1]}`);
  }
  // Without queue counts (Redis down mid-scrape) the family is left out rather than reported as zeros.
  if (queueCounts) {
    header(lines, QUEUE_METRIC.name, 'gauge', QUEUE_METRIC.help);
    for (const state of QUEUE_STATES) lines.push(`${QUEUE_METRIC.name}{state="${state}"} ${num(queueCounts[state] ?? 0)}`);
  }
  return `${lines.join('\n')}\n`;
}
