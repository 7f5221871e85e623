import { availableParallelism } from 'node:os';
import { z } from 'zod';

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/**
 * Every setting, its env var and its default. CLI flags (camelCase keys) win over env vars.
 * Parsed once at start by loadConfig(); nothing else reads process.env.
 */
export const Config = z.object({
  /** SCOUR_DATA_DIR / --data: holds inbox/, raw/, out/ (records/, rejected/) and a private redis/. */
  dataDir: z.string().min(1).default('./data'),
  /** REDIS_URL: unset = 127.0.0.1:6379 if it answers, else a private redis-server. */
  redisUrl: z.string().regex(/^rediss?:\/\/.+/, 'a redis:// or rediss:// URL').optional(),
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
  /** SCOUR_MAX_WAITING / --max-waiting: the producer pauses while more jobs than this wait. */
  maxWaiting: int(1).default(10_000),
  /** SCOUR_MAX_BYTES / --max-bytes: larger inputs are rejected as too-large (default 16 MiB). */
  maxBytes: int(1).default(16 * 1024 * 1024),
  /** SCOUR_ATTEMPTS: tries per job before it lands in the failed set. */
  attempts: int(1, 100).default(5),
  /** SCOUR_BACKOFF_MS: first retry delay; doubles each attempt. */
  backoffMs: int(0).default(1000),
  /**
   * SCOUR_LOCK_MS: a worker's lock on a job; a worker killed with -9 has its jobs picked up
   * again within about twice this. Must exceed SCOUR_CLEAN_BUDGET_MS, which bounds clean().
   */
  lockMs: int(1000).default(30_000),
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
  cleanHeapMb: int(64, 65_536).default(512),
  /** SCOUR_STABLE_MS: a file must stop growing for this long before it is read. */
  stableMs: int(0).default(300),
  /** SCOUR_REFERENCE_DATE / --reference-date: resolves relative dates ("on Friday"); never the clock. */
  referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
  /** SCOUR_LOG_LEVEL / --log-level */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => c.cleanBudgetMs === undefined || c.cleanBudgetMs < c.lockMs, {
  path: ['cleanBudgetMs'],
  message: 'must be below SCOUR_LOCK_MS, or a job could outlive its lock and run twice at once',
});
export type Config = z.infer<typeof Config>;

/** SCOUR_CLEAN_BUDGET_MS, or its default: half the job lock. */
export const cleanBudgetMs = (config: Pick<Config, 'cleanBudgetMs' | 'lockMs'>): number => config.cleanBudgetMs ?? Math.floor(config.lockMs / 2);

/** Env var for each setting, so an error can name what the user actually set. */
export const ENV_NAMES: Record<keyof Config, string> = {
  dataDir: 'SCOUR_DATA_DIR',
  redisUrl: 'REDIS_URL',
  prefix: 'SCOUR_QUEUE_PREFIX',
  workers: 'SCOUR_WORKERS',
  concurrency: 'SCOUR_CONCURRENCY',
  host: 'SCOUR_HOST',
  port: 'SCOUR_PORT',
  dashboardToken: 'SCOUR_DASHBOARD_TOKEN',
  maxWaiting: 'SCOUR_MAX_WAITING',
  maxBytes: 'SCOUR_MAX_BYTES',
  attempts: 'SCOUR_ATTEMPTS',
  backoffMs: 'SCOUR_BACKOFF_MS',
  lockMs: 'SCOUR_LOCK_MS',
  cleanBudgetMs: 'SCOUR_CLEAN_BUDGET_MS',
  cleanHeapMb: 'SCOUR_CLEAN_HEAP_MB',
  stableMs: 'SCOUR_STABLE_MS',
  referenceDate: 'SCOUR_REFERENCE_DATE',
  logLevel: 'SCOUR_LOG_LEVEL',
};

/** Settings whose values are never printed, not even in an error line. */
const SECRET_SETTINGS = new Set<string>(['dashboardToken', 'redisUrl']);

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

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
      origin[key] = `--${kebab(key)}`;
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
