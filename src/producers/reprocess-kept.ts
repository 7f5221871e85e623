import type { Logger } from '../log.js';
import { addCleanJob, type CleanQueue } from '../queue/clean-queue.js';
import type { CleanJob } from '../schemas/index.js';
import type { OutputStore, RawStore } from '../stores/types.js';

/**
 * `scour reprocess`: kept raw entries (SCOUR_RAW_RETENTION) are queued again so the current
 * cleaner rewrites their outputs. By default only outputs another cleaner version made (their
 * `pipeline.version`); `all` takes every kept entry; `since` only inputs received from then on.
 * Each selected entry gets a fresh job under its own id (a finished job of that id is removed
 * first, so the new one runs and announces once); an entry whose job is still live is left to
 * it. Running it twice queues each entry once per run, never twice in one.
 */

export interface ReprocessContext {
  raw: RawStore;
  output: OutputStore;
  queue: CleanQueue;
  logger: Logger;
}

export interface ReprocessOptions {
  /** The version this scour stamps (package.json); outputs made by it are skipped unless `all`. */
  version: string;
  all: boolean;
  /** ISO time: inputs received before it are skipped. */
  since?: string;
}

export interface ReprocessReport {
  /** Kept entries looked at. */
  scanned: number;
  queued: number;
  /** Made by this cleaner version already (without --all). */
  current: number;
  /** Received before --since. */
  older: number;
  /** A job of theirs is still waiting or running. */
  busy: number;
}

/** What the stored output says of its input: name, receipt time and the cleaner that made it. */
interface OutputSource {
  name: string;
  receivedAt: string;
  version: string;
}

async function sourceOf(key: string, output: OutputStore): Promise<OutputSource | null> {
  const entry = ((await output.read('records', key)) ?? (await output.read('rejected', key))) as {
    source?: { name?: unknown; receivedAt?: unknown };
    pipeline?: { version?: unknown };
  } | null;
  const name = entry?.source?.name;
  const receivedAt = entry?.source?.receivedAt;
  if (typeof name !== 'string' || typeof receivedAt !== 'string') return null;
  return { name, receivedAt, version: typeof entry?.pipeline?.version === 'string' ? entry.pipeline.version : '' };
}

export async function reprocessKept(ctx: ReprocessContext, options: ReprocessOptions): Promise<ReprocessReport> {
  const report: ReprocessReport = { scanned: 0, queued: 0, current: 0, older: 0, busy: 0 };
  const since = options.since === undefined ? -Infinity : Date.parse(options.since);
  for await (const entry of ctx.raw.kept()) {
    report.scanned += 1;
    // A kept entry whose output is gone (an emptied output store) is queued too, under the name the raw store kept.
    const info = await ctx.raw.info(entry.key);
    const source = (await sourceOf(entry.key, ctx.output)) ?? {
      name: info?.name ?? `recovered/${entry.key}`,
      receivedAt: info?.storedAt ?? entry.keptAt,
      version: '',
    };
    if (!options.all && source.version === options.version) {
      report.current += 1;
      continue;
    }
    if (Date.parse(source.receivedAt) < since) {
      report.older += 1;
      continue;
    }
    const job = await ctx.queue.getJob(entry.key);
    const state = job ? await job.getState() : null;
    if (job && state !== 'completed' && state !== 'failed' && state !== 'unknown') {
      report.busy += 1;
      continue;
    }
    // BullMQ ignores an add under the id of a job it still holds.
    if (job) await job.remove();
    const data: CleanJob = { rawKey: entry.key, name: source.name, bytes: entry.bytes, receivedAt: source.receivedAt, reprocess: true };
    await addCleanJob(ctx.queue, data);
    report.queued += 1;
  }
  ctx.logger.info(report, 'kept raw entries queued again for the current cleaner');
  return report;
}
