import { Option, type Command } from 'commander';
import type { Config } from '../schemas/index.js';

/** Flags shared by the pipeline commands; each maps to a Config key (see src/schemas/config.ts). */
const PIPELINE_FLAGS: ReadonlyArray<{ flags: string; key: keyof Config; description: string }> = [
  { flags: '--data <dir>', key: 'dataDir', description: 'data folder with inbox/, raw/, out/ (env SCOUR_DATA_DIR, default ./data)' },
  { flags: '--prefix <prefix>', key: 'prefix', description: 'queue and stream key prefix (env SCOUR_QUEUE_PREFIX, default scour)' },
  { flags: '--workers <n>', key: 'workers', description: 'worker processes (env SCOUR_WORKERS, default: one per core)' },
  { flags: '--concurrency <n>', key: 'concurrency', description: 'jobs in flight per worker process (env SCOUR_CONCURRENCY, default 4)' },
  { flags: '--port <port>', key: 'port', description: 'dashboard port (env SCOUR_PORT, default 3000)' },
  { flags: '--host <host>', key: 'host', description: 'dashboard bind address (env SCOUR_HOST, default 127.0.0.1)' },
  { flags: '--max-waiting <n>', key: 'maxWaiting', description: 'pause the inbox while more jobs wait (env SCOUR_MAX_WAITING, default 10000)' },
  { flags: '--reference-date <YYYY-MM-DD>', key: 'referenceDate', description: 'resolves relative dates such as "on Friday" (env SCOUR_REFERENCE_DATE)' },
  { flags: '--log-level <level>', key: 'logLevel', description: 'fatal|error|warn|info|debug|trace|silent (env SCOUR_LOG_LEVEL, default info)' },
  { flags: '--redis-url <url>', key: 'redisUrl', description: 'Redis to use (env REDIS_URL; default 127.0.0.1:6379 or a private redis-server)' },
];

const longName = (flags: string) => flags.split(' ')[0]!;

/** Adds the pipeline flags to a command. */
export function addPipelineOptions(command: Command): Command {
  for (const { flags, description } of PIPELINE_FLAGS) command.addOption(new Option(flags, description));
  return command;
}

/** commander's parsed options → loadConfig flags (only the ones given). */
export function configFlags(options: Record<string, unknown>): Partial<Record<keyof Config, unknown>> {
  const flags: Partial<Record<keyof Config, unknown>> = {};
  for (const { flags: spec, key } of PIPELINE_FLAGS) {
    const attr = longName(spec).slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (options[attr] !== undefined) flags[key] = options[attr];
  }
  return flags;
}

/** The flags a forked `scour worker` needs so it runs with this process's config and Redis. */
export function workerChildArgs(config: Config, redisUrl: string): string[] {
  const args = ['--workers', '1', '--data', config.dataDir, '--prefix', config.prefix, '--concurrency', String(config.concurrency)];
  args.push('--log-level', config.logLevel, '--redis-url', redisUrl);
  if (config.referenceDate) args.push('--reference-date', config.referenceDate);
  return args;
}
