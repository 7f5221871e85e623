import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, RAW_SETTINGS } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { reconcileRaw } from '../../producers/reconcile-raw.js';
import { createCleanQueue } from '../../queue/clean-queue.js';

/**
 * `scour reconcile`: one pass of what every producer does at start and every
 * SCOUR_RECONCILE_MS: raw entries without a job and without an output are queued again.
 */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('reconcile')
      .description('queue again every raw entry that has neither a job nor an output (after Redis lost data); idempotent')
      .option('--grace-ms <ms>', 'leave entries stored less than this long ago to their producer', '0')
      .option('--json', 'one JSON object instead of a line'),
    RAW_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const graceMs = Number(options.graceMs);
    if (!Number.isInteger(graceMs) || graceMs < 0) throw new Error(`invalid setting --grace-ms=${JSON.stringify(options.graceMs)}: a whole number of ms`);
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'scour-reconcile');
    const runtime = await openRuntime(config, logger, { boundedRedisWait: true });
    const queue = createCleanQueue(runtime.redisUrl, config, 'reconcile');
    try {
      const report = await reconcileRaw(
        { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger, rawRetentionMs: config.rawRetentionMs },
        { graceMs },
      );
      process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `raw entries ${report.scanned}: requeued ${report.requeued}, removed ${report.removed} (output exists), kept ${report.kept}\n`);
    } finally {
      await queue.close();
      await runtime.close();
    }
  });
}
