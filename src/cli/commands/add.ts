import { realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags, RAW_SETTINGS } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { inboxName, isIgnoredName } from '../../files/ignored-names.js';
import { walkFolder } from '../../files/walk-folder.js';
import { ingestFile, type IngestStatus } from '../../producers/ingest-file.js';
import { loadConfig } from '../../config.js';
import { createCleanQueue } from '../../queue/clean-queue.js';

/** `scour add FILE...`: queue files (or folders of files) directly, leaving them in place. */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('add')
      .description('queue files (or every file under a folder) directly; the files are left where they are')
      .argument('<file...>', 'files or folders to queue'),
    RAW_SETTINGS,
  ).action(async (inputs: string[], options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour-add');
    const runtime = await openRuntime(config, logger, { boundedRedisWait: true });
    const queue = createCleanQueue(runtime.redisUrl, config, 'add');
    const ctx = { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger, rawRetentionMs: config.rawRetentionMs };
    const counts: Partial<Record<IngestStatus, number>> = {};
    try {
      for (const input of inputs) {
        for await (const { path, name, within } of filesUnder(resolve(input))) {
          const outcome = await ingestFile(path, name, ctx, { removeSource: false, within });
          counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
          process.stdout.write(`${outcome.status}\t${outcome.key ?? '-'}\t${name}\n`);
        }
      }
    } finally {
      await queue.close();
      await runtime.close();
    }
    logger.info(counts, 'added');
  });
}

/**
 * The file itself (a link named on the command line is followed: the user chose it), or
 * every non-ignored entry under a folder, names relative to it. Inside a folder nothing is
 * followed: links and other non-files are handed on so that ingest refuses them visibly,
 * and only files whose real path stays under the folder are read.
 */
async function* filesUnder(input: string): AsyncGenerator<{ path: string; name: string; within?: string }> {
  const info = await stat(input);
  if (!info.isDirectory()) {
    yield { path: await realpath(input), name: basename(input) };
    return;
  }
  const onError = (path: string, err: unknown) => process.stderr.write(`scour add: cannot list ${path}: ${(err as Error).message}\n`);
  for await (const entry of walkFolder(input, isIgnoredName, onError)) {
    if (entry.kind === 'file') yield { path: entry.path, name: inboxName(input, entry.path), within: input };
  }
}
