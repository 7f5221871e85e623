import type { ReconcileContext } from './reconcile-raw.js';

/**
 * Raw bytes kept after their output (SCOUR_RAW_RETENTION) are removed once they have been
 * kept longer than the retention. Producers run this after each reconcile round; several
 * producers may sweep at once (removeKept deletes an entry only while it is kept and due, so
 * two sweepers remove it once, and bytes dropped again meanwhile stay). An entry with a live
 * job (a `scour reprocess` waiting to read it) waits for the next round.
 */

export interface SweepReport {
  /** Kept entries found due. */
  due: number;
  /** Removed now. */
  removed: number;
}

export async function sweepKeptRaw(ctx: ReconcileContext): Promise<SweepReport> {
  const retentionMs = ctx.rawRetentionMs;
  const cutoff = new Date((ctx.now ?? Date.now)() - retentionMs).toISOString();
  const report: SweepReport = { due: 0, removed: 0 };
  for await (const entry of ctx.raw.kept({ keptBefore: cutoff })) {
    report.due += 1;
    const job = await ctx.queue.getJob(entry.key);
    const state = job ? await job.getState() : null;
    if (state !== null && state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
    if (await ctx.raw.removeKept(entry.key, cutoff)) report.removed += 1;
  }
  ctx.logger[report.removed > 0 ? 'info' : 'debug']({ ...report, retentionMs }, 'swept raw bytes kept past their retention');
  return report;
}
