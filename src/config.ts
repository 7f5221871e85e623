import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { CLEAN_SETTINGS } from './clean/rules/clean-settings.js';

/** A worker's lock on a job, ms: long enough for any clean() (see SCOUR_LOCK_MS). */
export const DEFAULT_LOCK_MS = 30_000;
/** Heap cap of the thread that runs clean(), MB (see SCOUR_CLEAN_HEAP_MB). */
export const DEFAULT_CLEAN_HEAP_MB = 512;

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration as typed: `0`, or a whole number with a unit (`90s`, `36h`, `7d`); parsed to ms. */
const Duration = z
  .union([z.number().int().min(0), z.string().regex(/^(?:0|\d+(?:ms|s|m|h|d))$/, 'a duration: 0, or a whole number with ms, s, m, h or d (7d, 36h)')])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, n, unit] = /^(\d+)(ms|s|m|h|d)?$/.exec(value)!;
    return Number(n) * (unit ? UNIT_MS[unit as keyof typeof UNIT_MS] : 1);
  });

/** YYYY-MM-DD naming a day that exists (2021-13-40 and 2021-02-30 do not). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'YYYY-MM-DD', abort: true })
  .refine((day) => {
    const parsed = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
  }, 'not a real day (YYYY-MM-DD)');

/** A store URL: `file:<dir>` (a folder) or `postgres://user@host:port/db` (`postgresql://` too). */
const StoreUrl = z.string().refine((url) => {
  if (/^file:./.test(url)) return true;
  if (!/^postgres(?:ql)?:\/\//.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.hostname !== '' || parsed.searchParams.has('host');
  } catch {
    return false;
  }
}, 'a file:<dir> or postgres://user@host:port/db URL');

/**
 * Every setting, its env var and its default. CLI flags (camelCase keys) win over env vars.
 * Parsed once at start by loadConfig(); nothing else reads process.env.
 */
export const Config = z.object({
  /** SCOUR_DATA_DIR / --data: holds inbox/, the file store's raw/ and out/ (records/, rejected/) and a private redis/. */
  dataDir: z.string().min(1).default('./data'),
  /** SCOUR_STORE / --store: both stores; unset = the file store in the data folder. */
  store: StoreUrl.optional(),
  /** SCOUR_RAW_STORE / --raw-store: the raw store alone (raw in PostgreSQL and records in files is a valid mix). */
  rawStore: StoreUrl.optional(),
  /** SCOUR_OUTPUT_STORE / --output-store: the output store alone. */
  outputStore: StoreUrl.optional(),
  /** REDIS_URL: unset = 127.0.0.1:6379 if it answers, else a private redis-server. */
  redisUrl: z.string().regex(/^rediss?:\/\/.+/, 'a redis:// or rediss:// URL').optional(),
  /**
   * SCOUR_REDIS_WAIT_MS: how long a starting command waits for Redis to answer before it gives
   * up with one line (once connected, a process reconnects for ever).
   */
  redisWaitMs: int(100).default(15_000),
  /** SCOUR_QUEUE_PREFIX / --prefix: BullMQ prefix and stream prefix; use "{scour}" on Redis Cluster. */
  prefix: z.string().min(1).max(64).regex(/^[A-Za-z0-9_{}.-]+$/, 'letters, digits, _ . - { }').default('scour'),
  /** SCOUR_WORKERS / --workers: worker processes (default: one per core). */
  workers: int(1, 256).default(() => availableParallelism()),
  /**
   * SCOUR_CONCURRENCY / --concurrency: jobs in flight per worker process. clean() is CPU-bound
   * and synchronous, so only one runs at a time per process; the others wait on the disk
   * (fsyncs) and Redis meanwhile. Four keep a core busy where one left it idle half the time.
   */
  concurrency: int(1, 1024).default(4),
  /** SCOUR_HOST / --host: dashboard bind address. Anything but loopback needs a token. */
  host: z.string().min(1).default('127.0.0.1'),
  /** SCOUR_PORT / --port: dashboard port. */
  port: int(0, 65535).default(3000),
  /** SCOUR_DASHBOARD_TOKEN: bearer token for the dashboard when bound beyond loopback. */
  dashboardToken: z.string().min(16, 'at least 16 characters').optional(),
  /**
   * SCOUR_PUBLIC_HOSTS: with a token, the host names (comma-separated) the dashboard answers
   * to besides loopback names and IP addresses; any other Host header is refused (DNS rebinding).
   */
  publicHosts: z
    .string()
    .regex(/^[A-Za-z0-9.,: -]*$/, 'comma-separated host names')
    .transform((list) => list.split(',').map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean))
    .default([]),
  /** SCOUR_MAX_WAITING / --max-waiting: the producer pauses while more jobs than this wait. */
  maxWaiting: int(1).default(10_000),
  /** SCOUR_MAX_BYTES / --max-bytes: larger inputs are rejected as too-large (default 16 MiB). */
  maxBytes: int(1).default(CLEAN_SETTINGS.maxBytes),
  /** SCOUR_ATTEMPTS: tries per job before it lands in the failed set. */
  attempts: int(1, 100).default(5),
  /** SCOUR_BACKOFF_MS: first retry delay; doubles each attempt. */
  backoffMs: int(0).default(1000),
  /**
   * SCOUR_LOCK_MS: a worker's lock on a job; a worker killed with -9 has its jobs picked up
   * again within about twice this. Must exceed SCOUR_CLEAN_BUDGET_MS, which bounds clean().
   */
  lockMs: int(1000).default(DEFAULT_LOCK_MS),
  /**
   * SCOUR_CLEAN_BUDGET_MS: longest one clean() may run; beyond it its thread is stopped and
   * the input rejected as too-slow, so a job never outlives its lock. Default: half of
   * SCOUR_LOCK_MS (15000). Must be below SCOUR_LOCK_MS.
   */
  cleanBudgetMs: int(100).optional(),
  /**
   * SCOUR_CLEAN_HEAP_MB: heap cap of the thread that runs clean(), MB; an input that needs
   * more is rejected as too-complex and the worker process lives on. The worst input within
   * the cleaner's tag and line limits needs about 250 MB.
   */
  cleanHeapMb: int(64, 65_536).default(DEFAULT_CLEAN_HEAP_MB),
  /**
   * SCOUR_RECONCILE_MS: every this many ms a producer walks the raw store and queues again the
   * entries whose job Redis lost (also at every producer start); 0 = at start only.
   */
  reconcileMs: int(0).default(300_000),
  /**
   * SCOUR_ALLOW_EVICTING_REDIS / --allow-evicting-redis: start even when Redis may evict keys
   * (maxmemory-policy other than noeviction); the reconciler then re-queues what it drops.
   */
  allowEvictingRedis: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
    .transform((value) => value === true || value === 'true' || value === '1' || value === 'yes')
    .default(false),
  /** SCOUR_STABLE_MS: a file must stop growing for this long before it is read. */
  stableMs: int(0).default(300),
  /** SCOUR_REFERENCE_DATE / --reference-date: resolves relative dates ("on Friday"); never the clock. */
  referenceDate: Day.optional(),
  /**
   * SCOUR_RAW_RETENTION / --raw-retention: raw bytes are kept this long after their record or
   * rejection is written (shown beside it, cleaned again by `scour reprocess`), then removed by
   * the producers' sweeper; 0 = removed as soon as the output is written. Default 7 days.
   */
  rawRetentionMs: Duration.default(7 * UNIT_MS.d),
  /** SCOUR_KEEP_FAILED: failed jobs kept in Redis (the newest); older ones are removed and counted. */
  keepFailed: int(0).default(10_000),
  /**
   * SCOUR_STORY_WINDOW: the stories index forgets a record this long after its story's last
   * write (a copy arriving later opens a new story). At least a minute.
   */
  storyWindowMs: Duration.refine((ms) => ms >= UNIT_MS.m, 'at least a minute (30d, 12h)').default(30 * UNIT_MS.d),
  /** SCOUR_LOG_LEVEL / --log-level */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => c.cleanBudgetMs === undefined || c.cleanBudgetMs < c.lockMs, {
  path: ['cleanBudgetMs'],
  message: 'must be below SCOUR_LOCK_MS, or a job could outlive its lock and run twice at once',
});
export type Config = z.infer<typeof Config>;

/** SCOUR_CLEAN_BUDGET_MS, or its default: half the job lock. */
export const cleanBudgetMs = (config: Pick<Config, 'cleanBudgetMs' | 'lockMs'>): number => config.cleanBudgetMs ?? Math.floor(config.lockMs / 2);

/**
 * Where each setting comes from: its env var, its CLI flag (if it has one) and its help
 * line. The one table the loader, the error lines and every command's --help read.
 */
export interface SettingSource {
  env: string;
  /** commander flag spec, e.g. "--data <dir>"; omitted for settings only the environment sets (secrets, tuning). */
  flag?: string;
  help: string;
  /** The default as help shows it, where the parsed value reads badly (a duration in ms). */
  shownDefault?: string;
}

export const SETTINGS: Record<keyof Config, SettingSource> = {
  dataDir: { env: 'SCOUR_DATA_DIR', flag: '--data <dir>', help: 'data folder with inbox/ (and raw/, out/ for the file store)' },
  store: { env: 'SCOUR_STORE', flag: '--store <url>', help: 'raw and output store: file:<dir> or postgres://user@host:port/db (default file: the data folder)' },
  rawStore: { env: 'SCOUR_RAW_STORE', flag: '--raw-store <url>', help: 'raw store only, overriding --store' },
  outputStore: { env: 'SCOUR_OUTPUT_STORE', flag: '--output-store <url>', help: 'output store only, overriding --store' },
  redisUrl: { env: 'REDIS_URL', flag: '--redis-url <url>', help: 'Redis to use (default 127.0.0.1:6379 if it answers, else a private redis-server)' },
  redisWaitMs: { env: 'SCOUR_REDIS_WAIT_MS', help: 'how long a starting command waits for Redis before giving up, ms' },
  prefix: { env: 'SCOUR_QUEUE_PREFIX', flag: '--prefix <prefix>', help: 'queue, stream and store schema prefix ({scour} on Redis Cluster)' },
  workers: { env: 'SCOUR_WORKERS', flag: '--workers <n>', help: 'worker processes (default: one per core)' },
  concurrency: { env: 'SCOUR_CONCURRENCY', flag: '--concurrency <n>', help: 'jobs in flight per worker process' },
  host: { env: 'SCOUR_HOST', flag: '--host <address>', help: 'dashboard bind address; beyond loopback needs SCOUR_DASHBOARD_TOKEN' },
  port: { env: 'SCOUR_PORT', flag: '--port <port>', help: 'dashboard port' },
  dashboardToken: { env: 'SCOUR_DASHBOARD_TOKEN', help: 'dashboard bearer token (16+ characters)' },
  publicHosts: { env: 'SCOUR_PUBLIC_HOSTS', help: 'with a token: host names the dashboard answers to besides loopback and IP addresses' },
  maxWaiting: { env: 'SCOUR_MAX_WAITING', flag: '--max-waiting <n>', help: 'the producer pauses the inbox while more jobs wait' },
  maxBytes: { env: 'SCOUR_MAX_BYTES', flag: '--max-bytes <n>', help: 'larger inputs are rejected as too-large' },
  attempts: { env: 'SCOUR_ATTEMPTS', help: 'tries per job before it lands in the failed set' },
  backoffMs: { env: 'SCOUR_BACKOFF_MS', help: 'first retry delay, doubling each attempt' },
  lockMs: { env: 'SCOUR_LOCK_MS', help: "a worker's lock on a job" },
  reconcileMs: { env: 'SCOUR_RECONCILE_MS', help: 'how often a producer re-queues raw entries whose job Redis lost, ms (0 = at start only)' },
  allowEvictingRedis: { env: 'SCOUR_ALLOW_EVICTING_REDIS', flag: '--allow-evicting-redis', help: 'start even when Redis may evict keys (the reconciler re-queues what it drops)' },
  cleanBudgetMs: { env: 'SCOUR_CLEAN_BUDGET_MS', help: 'longest one clean() may run before the input is rejected as too-slow (default half of SCOUR_LOCK_MS)' },
  cleanHeapMb: { env: 'SCOUR_CLEAN_HEAP_MB', help: 'heap cap of the thread that runs clean(), MB' },
  stableMs: { env: 'SCOUR_STABLE_MS', help: 'a file must keep its size and mtime this long before it is read' },
  referenceDate: { env: 'SCOUR_REFERENCE_DATE', flag: '--reference-date <YYYY-MM-DD>', help: 'resolves relative dates such as "on Friday" (never the clock)' },
  rawRetentionMs: { env: 'SCOUR_RAW_RETENTION', flag: '--raw-retention <duration>', help: 'keep raw bytes this long after their output (7d, 36h; 0 = delete at once)', shownDefault: '7d' },
  keepFailed: { env: 'SCOUR_KEEP_FAILED', help: 'failed jobs kept in Redis, newest first; older ones are removed and counted' },
  storyWindowMs: { env: 'SCOUR_STORY_WINDOW', help: 'the stories index forgets a record this long after its last write (30d, 12h)', shownDefault: '30d' },
  logLevel: { env: 'SCOUR_LOG_LEVEL', flag: '--log-level <level>', help: 'fatal|error|warn|info|debug|trace|silent' },
};

/** Env var for each setting, so an error can name what the user actually set. */
export const ENV_NAMES = Object.fromEntries(Object.entries(SETTINGS).map(([key, { env }]) => [key, env])) as Record<keyof Config, string>;

/** Settings whose values are never printed, not even in an error line. */
const SECRET_SETTINGS = new Set<string>(['dashboardToken', 'redisUrl', 'store', 'rawStore', 'outputStore']);

/** The flag's long name as typed, e.g. "--raw-store". */
export const longFlag = (source: SettingSource): string | undefined => source.flag?.split(' ')[0];

/** A bad setting: its message is the one line the CLI prints. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Merges env vars and CLI flags (flags win) and validates them once.
 * Throws ConfigError with one line per bad setting, naming the flag or env var.
 */
export function loadConfig(flags: Partial<Record<keyof Config, unknown>> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const [key, envName] of Object.entries(ENV_NAMES)) {
    const flag = flags[key as keyof Config];
    const fromEnv = env[envName] ?? (key === 'logLevel' ? env.LOG_LEVEL : undefined);
    if (flag !== undefined) {
      raw[key] = flag;
      origin[key] = longFlag(SETTINGS[key as keyof Config]) ?? key;
    } else if (fromEnv !== undefined && fromEnv !== '') {
      raw[key] = fromEnv;
      origin[key] = envName;
    }
  }
  const parsed = Config.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const name = origin[key] ?? ENV_NAMES[key as keyof Config] ?? key;
    // Never echo a secret into logs or terminals.
    const shown = SECRET_SETTINGS.has(key) ? '(hidden)' : JSON.stringify(raw[key]);
    return `invalid setting ${name}=${shown}: ${issue.message}`;
  });
  throw new ConfigError(lines.join('\n'));
}
