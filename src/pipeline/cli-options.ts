import { Option, type Command } from 'commander';
import { Config, longFlag, SETTINGS } from '../config.js';

/**
 * Command-line flags generated from the settings table in src/config.ts: every flag's help
 * names its env var and default, so the two can never disagree with the loader.
 */

/** The defaults as the loader fills them in, for help lines. */
const DEFAULTS: Partial<Record<keyof Config, unknown>> = Config.parse({});

/** What every command that opens the stores and Redis takes (status, reprocess). */
export const STORE_SETTINGS: ReadonlyArray<keyof Config> = ['dataDir', 'store', 'rawStore', 'outputStore', 'prefix', 'redisUrl', 'allowEvictingRedis', 'logLevel'];

/** Commands that may settle raw entries (add, reconcile): the store settings and the raw retention. */
export const RAW_SETTINGS: ReadonlyArray<keyof Config> = [...STORE_SETTINGS, 'rawRetentionMs'];

/** `scour producer`. */
export const PRODUCER_SETTINGS: ReadonlyArray<keyof Config> = [...RAW_SETTINGS, 'maxWaiting'];

/** `scour worker`. */
export const WORKER_SETTINGS: ReadonlyArray<keyof Config> = [...RAW_SETTINGS, 'workers', 'concurrency', 'maxBytes', 'referenceDate'];

/** `scour start`: producer, workers and dashboard. */
export const PIPELINE_SETTINGS: ReadonlyArray<keyof Config> = [...WORKER_SETTINGS, 'maxWaiting', 'host', 'port'];

/** What `scour dashboard` takes. */
export const DASHBOARD_SETTINGS: ReadonlyArray<keyof Config> = ['dataDir', 'store', 'outputStore', 'prefix', 'host', 'port', 'redisUrl', 'logLevel', 'allowEvictingRedis'];

function helpOf(key: keyof Config): string {
  const { env, help, shownDefault } = SETTINGS[key];
  const fallback = shownDefault ?? DEFAULTS[key];
  const shown = Array.isArray(fallback) ? (fallback.length ? fallback.join(',') : undefined) : fallback;
  return shown === undefined ? `${help} (env ${env})` : `${help} (env ${env}, default ${String(shown)})`;
}

/** Adds the flags of these settings to a command. */
export function addSettingOptions(command: Command, keys: ReadonlyArray<keyof Config> = PIPELINE_SETTINGS): Command {
  for (const key of keys) {
    const { flag } = SETTINGS[key];
    if (flag) command.addOption(new Option(flag, helpOf(key)));
  }
  return command;
}

/** commander's parsed options → loadConfig flags (only the ones given). */
export function configFlags(options: Record<string, unknown>): Partial<Record<keyof Config, unknown>> {
  const flags: Partial<Record<keyof Config, unknown>> = {};
  for (const [key, source] of Object.entries(SETTINGS)) {
    const long = longFlag(source);
    if (!long) continue;
    const attr = long.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (options[attr] !== undefined) flags[key as keyof Config] = options[attr];
  }
  return flags;
}

/**
 * What a forked `scour worker` needs to run with this process's config and Redis: plain
 * settings as flags, URLs (which may carry passwords) in its environment, where `ps` does
 * not show them.
 */
export function workerChild(config: Config, redisUrl: string): { args: string[]; env: Record<string, string> } {
  const args = ['--workers', '1', '--data', config.dataDir, '--prefix', config.prefix, '--concurrency', String(config.concurrency)];
  args.push('--log-level', config.logLevel, '--max-bytes', String(config.maxBytes), '--raw-retention', `${config.rawRetentionMs}ms`);
  if (config.referenceDate) args.push('--reference-date', config.referenceDate);
  if (config.allowEvictingRedis) args.push('--allow-evicting-redis');
  const env: Record<string, string> = { [SETTINGS.redisUrl.env]: redisUrl };
  for (const key of ['store', 'rawStore', 'outputStore'] as const) {
    const url = config[key];
    if (url) env[SETTINGS[key].env] = url;
  }
  return { args, env };
}
