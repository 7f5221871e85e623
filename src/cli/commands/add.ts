import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '../../log.js';
import { addPipelineOptions, configFlags } from '../../pipeline/cli-options.js';
import { openRuntime } from '../../pipeline/runtime.js';
import { isIgnoredPath } from '../../producers/ignored-names.js';
import { ingestFile, type IngestStatus } from '../../producers/ingest-file.js';
import { loadConfig } from '../../schemas/index.js';
import { createCleanQueue } from '../../workers/clean-queue.js';

/** `scour add FILE...`: queue files (or folders of files) directly, leaving them in place. */
export function register(program: Command): void {
  addPipelineOptions(
    program
      .command('add')
      .description('queue files (or every file under a folder) directly; the files are left where they are')
      .argument('<file...>', 'files or folders to queue'),
  ).action(async (inputs: string[], options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour-add');
    const runtime = await openRuntime(config, logger);
    const queue = createCleanQueue(runtime.redisUrl, config, 'add');
    const ctx = { raw: runtime.raw, output: runtime.output, queue, redis: runtime.redis, prefix: config.prefix, logger };
    const counts: Partial<Record<IngestStatus, number>> = {};
    try {
      for (const input of inputs) {
        for await (const { path, name } of filesUnder(resolve(input))) {
          const outcome = await ingestFile(path, name, ctx, { removeSource: false });
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

/** The file itself, or every non-ignored file under a folder (names relative to it). */
async function* filesUnder(input: string): AsyncGenerator<{ path: string; name: string }> {
  const info = await stat(input);
  if (info.isFile()) {
    yield { path: input, name: basename(input) };
    return;
  }
  const entries = await readdir(input, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (isIgnoredPath(input, path)) continue;
    yield { path, name: relative(input, path).split('\\').join('/') };
  }
}
