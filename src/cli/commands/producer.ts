import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, PRODUCER_SETTINGS } from '../../pipeline/cli-options.js';
import { startProducer } from '../../pipeline/producer-service.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { loadConfig } from '../../config.js';

/** `scour producer`: watch the inbox and queue every stable file. */
export function register(program: Command): void {
  addSettingOptions(
    program.command('producer').description('watch <data>/inbox (subfolders too) and queue every file dropped there'),
    PRODUCER_SETTINGS,
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour-producer');
    const runtime = await openRuntime(config, logger);
    const producer = await startProducer(runtime);
    exitOnSignals(logger, async () => {
      await producer.close();
      await runtime.close();
    });
  });
}
