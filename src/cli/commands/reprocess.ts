import type { Command } from 'commander';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, STORE_SETTINGS } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { reprocessKept } from '../../producers/reprocess-kept.js';
import { createCleanQueue } from '../../queue/clean-queue.js';
import { VERSION } from '../../version.js';

/** --since: a day (from its start, UTC) or an ISO date-time. */
const Since = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * `scour reprocess [--since DATE] [--all]`: queue the kept raw entries again so the workers'
 * cleaner (a newer one) rewrites their records and rejections. Idempotent.
 */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('reprocess')
      .description('queue kept raw inputs again so the current cleaner rewrites their records (outputs of another cleaner version, or --all)')
      .option('--since <date>', 'only inputs received on or after this day (YYYY-MM-DD) or time (ISO)')
      .option('--all', 'every kept input, also those this cleaner version made')
      .option('--json', 'one JSON object instead of a line'),
    STORE_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    let since: string | undefined;
    if (options.since !== undefined) {
      const parsed = Since.safeParse(options.since);
      if (!parsed.success || Number.isNaN(Date.parse(parsed.data))) {
        throw new ConfigError(`invalid setting --since=${JSON.stringify(options.since)}: a real day (YYYY-MM-DD) or an ISO date-time`);
      }
      since = new Date(parsed.data).toISOString();
    }
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'scour-reprocess');
    const runtime = await openRuntime(config, logger, { boundedRedisWait: true });
    const queue = createCleanQueue(runtime.redisUrl, config, 'reprocess');
    try {
      const report = await reprocessKept({ raw: runtime.raw, output: runtime.output, queue, logger }, { version: VERSION, all: options.all === true, since });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(report)}\n`
          : `kept inputs ${report.scanned}: queued ${report.queued}, already cleaned by ${VERSION} ${report.current}, received before --since ${report.older}, job still live ${report.busy}\n`,
      );
    } finally {
      await queue.close();
      await runtime.close();
    }
  });
}
