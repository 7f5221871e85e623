import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseRecordEvent, recordsStreamKey } from '../src/record-events/index.js';
import { quoteIdent } from '../src/stores/postgres/identifiers.js';
import { e2eScope } from './helpers/e2e-env.js';
import { generatedInput, sha256 } from './helpers/generate-inputs.js';
import { spawnScour } from './helpers/scour-process.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * PostgreSQL restarting mid-run (stopped the hard way, as a crash would): jobs that fail
 * meanwhile retry with backoff and finish once it is back; nothing is lost or written twice.
 * A private server in a temp folder, so the machine's own (which other tests use) is untouched.
 */
const BIN_DIRS = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').map((v) => join('/usr/lib/postgresql', v, 'bin')) : [];
const BIN = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
const isRoot = process.getuid?.() === 0;
// initdb refuses to run as root: as root the server runs as the postgres user.
const asServer = (args: string[]): string[] => (isRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args);
const whyNot = !BIN ? 'no initdb/pg_ctl under /usr/lib/postgresql' : isRoot && !existsSync('/usr/sbin/runuser') ? 'root without runuser' : null;
if (whyNot) console.warn(`PostgreSQL restart test skipped: ${whyNot}`);

/** A port in 20000-29999 that nothing listens on now. */
async function freeFixedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

function run(args: string[]): void {
  const [command, ...rest] = asServer(args);
  execFileSync(command!, rest, { stdio: 'ignore' });
}

describe.skipIf(whyNot !== null)('PostgreSQL store: the server restarting mid-run (private server, real processes)', () => {
  const { open, cleanups } = e2eScope();

  it('300 files; PostgreSQL stopped (immediate) and started again mid-run → every file exactly once, no event twice', async () => {
    const dir = await makeTempDir('pg-restart');
    cleanups.push(dir.remove);
    if (isRoot) execFileSync('chown', ['postgres:postgres', dir.path]);
    const data = join(dir.path, 'data');
    // Below the ephemeral range: while the server is down, the pipeline's own reconnects must
    // not be able to take its port as their local end (a port from freePort() could be).
    const port = await freeFixedPort();
    run([join(BIN!, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres']);
    const start = () => run([join(BIN!, 'pg_ctl'), '-D', data, '-o', `-p ${port} -k ${dir.path} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir.path, 'log'), '-w', 'start']);
    const stop = (mode: string) => run([join(BIN!, 'pg_ctl'), '-D', data, '-m', mode, '-w', 'stop']);
    start();
    cleanups.push(async () => {
      try {
        stop('immediate');
      } catch {
        // already stopped
      }
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

    const env = await open('pg-restart', undefined, { SCOUR_STORE: url, SCOUR_BACKOFF_MS: '200', SCOUR_ATTEMPTS: '8' });
    const rows = async (): Promise<string[]> => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const schema = quoteIdent(env.prefix);
        const result = await client.query<{ id: string }>(`SELECT id FROM ${schema}.records UNION ALL SELECT id FROM ${schema}.rejections`);
        return result.rows.map((row) => row.id);
      } catch {
        return [];
      } finally {
        await client.end().catch(() => undefined);
      }
    };

    const expected = new Set<string>();
    await mkdir(env.inbox, { recursive: true });
    for (let i = 0; i < 300; i += 1) {
      const content = generatedInput(20_000 + i);
      expected.add(sha256(content));
      await writeFile(join(env.inbox, `r-${i}.txt`), content);
    }
    const producer = env.track(spawnScour(['producer'], env.env));
    const worker = env.track(spawnScour(['worker', '--workers', '1', '--concurrency', '4'], env.env));
    const tail = () => `\nproducer: ${producer.stderr.slice(-3).join('\n')}\nworker: ${worker.stderr.slice(-40).join('\n')}`;
    await waitFor(async () => (await rows()).length >= 60, 30_000, '60 rows', 50);
    stop('immediate');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    start();
    try {
      await waitFor(async () => (await rows()).length >= 300, 60_000, '300 rows', 250);
    } catch (err) {
      const queue = await import('../src/queue/clean-queue.js');
      const q = queue.createCleanQueue(env.env.REDIS_URL!, { prefix: env.prefix, attempts: 8, backoffMs: 200 });
      const counts = await q.getJobCounts();
      await q.close();
      throw new Error(`${(err as Error).message}; rows ${(await rows()).length}; jobs ${JSON.stringify(counts)}${tail()}`);
    }

    const ids = await rows();
    expect(ids).toHaveLength(300);
    expect(new Set(ids)).toEqual(expected);
    const events = (await env.redis.xrange(recordsStreamKey(env.prefix), '-', '+')).map(([, fields]) => parseRecordEvent(fields)?.id);
    expect(events).toHaveLength(300);
    expect(new Set(events).size).toBe(300);
    expect(await env.inboxFiles()).toEqual([]);
  });
});
