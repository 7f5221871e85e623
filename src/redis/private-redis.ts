import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import { freePort } from './free-port.js';
import { pingRedis } from './ping-redis.js';

/** A redis-server scour started (or found, started earlier for the same data folder). */
export interface PrivateRedis {
  url: string;
  /** True when this process started it (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** Folder for the append-only file, the log and the state file (`<data>/redis`). */
  dir: string;
  logger: Logger;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** How long to wait for the first PONG, ms (default 5000). */
  startTimeoutMs?: number;
}

const STATE_FILE = 'scour-redis.json';

/**
 * Starts `redis-server` from PATH on 127.0.0.1 with its data under dir (appendonly yes, so
 * queued jobs survive a restart; noeviction, so jobs are never evicted). Returns null when
 * there is no redis-server binary. A redis-server already started for the same folder (by
 * `scour producer` beside `scour worker`, say) is reused, not duplicated.
 */
export async function startPrivateRedis(options: PrivateRedisOptions): Promise<PrivateRedis | null> {
  const { dir, logger } = options;
  await mkdir(dir, { recursive: true });
  const existing = await readState(dir);
  if (existing && (await pingRedis(existing.url))) {
    logger.info({ url: existing.url }, 'using the private redis-server already running for this data folder');
    return { url: existing.url, owned: false, stop: async () => undefined };
  }
  const port = options.port ?? (await freePort());
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', join(dir, 'redis.log'),
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned) return null;
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitForPong(url, child, options.startTimeoutMs ?? 5000))) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on ${url}; see ${join(dir, 'redis.log')}`);
  }
  await writeFile(join(dir, STATE_FILE), JSON.stringify({ url, pid: child.pid }));
  logger.info({ url, dir }, 'started a private redis-server (append-only file in the data folder)');
  return { url, owned: true, stop: () => stopChild(child, dir) };
}

async function waitForPong(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    if (await pingRedis(url, 200)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // SIGTERM makes redis-server flush the append-only file and exit cleanly.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  await rm(join(dir, STATE_FILE), { force: true });
}

async function readState(dir: string): Promise<{ url: string } | null> {
  try {
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as { url?: unknown };
    return typeof state.url === 'string' ? { url: state.url } : null;
  } catch {
    return null;
  }
}
