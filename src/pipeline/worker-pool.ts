import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import { SHUTDOWN_MESSAGE } from './shutdown.js';

/** The CLI launcher; src/pipeline and dist/pipeline are both two levels below the package root. */
const SCOUR_BIN = fileURLToPath(new URL('../../bin/scour.js', import.meta.url));

export interface WorkerPoolOptions {
  /** Worker processes to keep running. */
  size: number;
  /** Arguments after `scour worker` for each child (they must include `--workers 1`). */
  args: string[];
  /** Added to each child's environment (settings that must not show in `ps`). */
  env?: Record<string, string>;
  logger: Logger;
  /** Wait before restarting a child that died, ms (default 1000, doubling to 30 s while it keeps dying young). */
  restartMs?: number;
}

export interface WorkerPool {
  pids(): number[];
  /** Asks every child to finish its jobs and exit; resolves when all have. */
  close(): Promise<void>;
  /** SIGKILLs every child (the second Ctrl-C). */
  kill(): void;
}

/**
 * Forked worker processes: clean() is CPU-bound, so parallelism comes from processes, one
 * per core by default. Each child is a complete `scour worker` (the same program that runs
 * on another machine for scale-out), with its own Redis connections; a child that dies is
 * restarted, and the jobs it held are retried by BullMQ's stalled-job check.
 */
export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const children = new Set<ChildProcess>();
  let closing = false;
  const restartMs = options.restartMs ?? 1000;

  const spawnChild = (slot: number, failures: number) => {
    const startedAt = Date.now();
    const child = fork(SCOUR_BIN, ['worker', ...options.args], { stdio: 'inherit', env: { ...process.env, ...options.env } });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (closing) return;
      const young = Date.now() - startedAt < 10_000;
      const nextFailures = young ? failures + 1 : 0;
      const delay = Math.min(restartMs * 2 ** nextFailures, 30_000);
      options.logger.warn({ slot, pid: child.pid, code, signal, restartInMs: delay }, 'worker process exited; restarting it');
      setTimeout(() => closing || spawnChild(slot, nextFailures), delay).unref();
    });
  };
  for (let slot = 0; slot < options.size; slot += 1) spawnChild(slot, 0);
  options.logger.info({ workers: options.size }, 'started worker processes');

  return {
    pids: () => [...children].map((child) => child.pid ?? 0),
    async close() {
      closing = true;
      await Promise.all(
        [...children].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              if (child.connected) child.send(SHUTDOWN_MESSAGE);
              else child.kill('SIGTERM');
            }),
        ),
      );
    },
    kill() {
      closing = true;
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
