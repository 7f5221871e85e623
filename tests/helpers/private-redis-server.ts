import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/redis/free-port.js';
import { pingRedis } from '../../src/redis/ping-redis.js';
import { makeTempDir } from './temp-dir.js';
import { waitFor } from './wait-for.js';

/** A redis-server of the test's own (its port and data folder), for what the shared one must never see: restarts, FLUSHALL, maxmemory. */
export interface PrivateRedisServer {
  url: string;
  /** Starts it (again: same port and folder, so an append-only file is read back) and waits until it answers. */
  start(): Promise<void>;
  /** SIGTERM, and waits for the exit; a no-op when it is not running. */
  stop(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

/** `args` are redis-server options beyond port, bind and folder (default: nothing kept on disk). */
export async function privateRedisServer(label: string, args: string[] = ['--save', '', '--appendonly', 'no']): Promise<PrivateRedisServer> {
  const dir = await makeTempDir(label);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--logfile', join(dir.path, 'redis.log'), ...args], { stdio: 'ignore' });
      await waitFor(() => pingRedis(url, 200), 10_000, 'redis-server up');
    },
    stop,
    async remove() {
      await stop();
      await dir.remove();
    },
  };
}
