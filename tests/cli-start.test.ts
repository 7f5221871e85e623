import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { e2eScope } from './helpers/e2e-env.js';
import { spawnScour } from './helpers/scour-process.js';
import { waitFor } from './helpers/wait-for.js';

/** Processes whose command line carries this prefix (each forked worker gets `--prefix <prefix>`). */
const processesWith = (prefix: string): number[] =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`--prefix ${prefix}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('scour start: all or nothing (real processes)', () => {
  const scope = e2eScope();

  it('a dashboard port already taken: one line, a non-zero exit, and no worker process left', async () => {
    const env = await scope.open('start-port');
    const taken = await listen();
    scope.cleanups.push(() => new Promise((resolve) => taken.close(() => resolve())));
    const port = (taken.address() as { port: number }).port;
    const start = env.track(spawnScour(['start', '--workers', '2'], { ...env.env, SCOUR_PORT: String(port) }));
    const { code } = await start.exited;
    expect(code).not.toBe(0);
    expect(start.stderr.join('\n')).toMatch(/EADDRINUSE|in use/);
    // The dashboard starts first: no worker was forked at all.
    expect(start.stderr.join('\n')).not.toMatch(/started worker processes/);
    // Given a moment, nothing the failed start forked is still running.
    await waitFor(() => processesWith(env.prefix).length === 0, 10_000, 'no process of this start left');
  });

  it('a non-loopback host without a token: refused before any worker starts', async () => {
    const env = await scope.open('start-host');
    const start = env.track(spawnScour(['start', '--workers', '2', '--host', '0.0.0.0'], env.env));
    const { code } = await start.exited;
    expect(code).toBe(2);
    expect(start.stderr.filter((line) => line.startsWith('scour:'))).toHaveLength(1);
    expect(start.stderr.join('\n')).not.toMatch(/started worker processes/);
    await waitFor(() => processesWith(env.prefix).length === 0, 10_000, 'no process of this start left');
  });

  it('workers exit when their `scour start` is killed with SIGKILL', async () => {
    const env = await scope.open('start-orphans');
    const start = env.track(spawnScour(['start', '--workers', '2'], env.env));
    await start.waitForLog(/scour is running/, 30_000);
    await waitFor(() => processesWith(env.prefix).length === 2, 20_000, 'two workers');
    start.kill('SIGKILL');
    await start.exited;
    await waitFor(() => processesWith(env.prefix).length === 0, 15_000, 'the orphaned workers gone');
  });
});
