import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { readStats } from '../../metrics/pipeline-stats.js';
import { addSettingOptions, configFlags, STORE_SETTINGS } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { loadConfig } from '../../config.js';
import { JOB_STATES } from '../../queue/clean-queue.js';
import { storeUrlsForLog } from '../../stores/open-stores.js';
import { createCleanQueue } from '../../queue/clean-queue.js';

/** `scour status`: queue counts by state, and what the output store holds. */
export function register(program: Command): void {
  addSettingOptions(
    program.command('status').description('print queue counts by state and the records and rejections written').option('--json', 'one JSON object instead of a table'),
    STORE_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'scour-status');
    const runtime = await openRuntime(config, logger, { boundedRedisWait: true });
    const queue = createCleanQueue(runtime.redisUrl, config, 'status');
    try {
      const [jobs, records, rejected, stats] = await Promise.all([
        queue.getJobCounts(...JOB_STATES),
        runtime.output.count('records'),
        runtime.output.count('rejected'),
        readStats(runtime.redis, config.prefix),
      ]);
      // Failed jobs beyond SCOUR_KEEP_FAILED are removed from Redis; the counter still has them.
      const failedRemoved = Math.max(0, stats.counters.job_failures - (jobs.failed ?? 0));
      const status = { prefix: config.prefix, jobs, failedRemoved, store: { records, rejected }, counters: stats.counters, rejections: stats.rejections };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(status)}\n`);
        return;
      }
      const rows: Array<[string, string | number]> = [
        ...JOB_STATES.map((state): [string, number] => [`jobs ${state}`, jobs[state] ?? 0]),
        ['failed jobs removed', failedRemoved],
        ['records written', records],
        ['rejected written', rejected],
        ...Object.entries(stats.rejections).map(([reason, n]): [string, number] => [`  rejected: ${reason}`, n]),
        ['files ingested', stats.counters.files_ingested],
        ['duplicates skipped', stats.counters.duplicates_skipped],
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      const stores = storeUrlsForLog(config);
      process.stdout.write(`queue "clean", prefix "${config.prefix}", raw store ${stores.raw}, output store ${stores.output}\n`);
      for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
    } finally {
      await queue.close();
      await runtime.close();
    }
  });
}
