import pg from 'pg';
import { ConfigError } from '../../config.js';
import type { Logger } from '../../log.js';

/**
 * One pg.Pool per URL per process, shared by the raw and the output store and closed when
 * the last store using it closes. The pool discards a client whose connection failed (an
 * idle one reports through the 'error' event, a busy one through its query's error), so a
 * restarted or killed backend costs at most the one call that was on it.
 */

/** How long opening waits for the server before saying it cannot be reached. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Idle connections beyond this age are closed, so an idle worker holds none for long. */
const IDLE_TIMEOUT_MS = 30_000;

export interface PoolLease {
  readonly db: Database;
  /** Runs once per schema per pool (migrations); later calls share the first's promise. */
  once(schema: string, task: () => Promise<void>): Promise<void>;
  /** Gives the lease back; the pool ends with the last one. Idempotent. */
  release(): Promise<void>;
}

interface SharedPool {
  pool: pg.Pool;
  db: Database;
  refs: number;
  ready: Promise<void>;
  tasks: Map<string, Promise<void>>;
}

const pools = new Map<string, SharedPool>();

/** host:port/database of a URL, without credentials, for messages. */
export function whereOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/**
 * The one line shown when the store cannot be opened: where, and the reason in a word or a
 * sentence. A ConfigError, so the CLI prints it as such instead of a stack trace.
 */
export function describeConnectError(url: string, err: unknown): ConfigError {
  const error = err as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  // Node reports a host with several addresses (localhost = ::1 and 127.0.0.1) as an AggregateError.
  const code = error.code ?? error.errors?.[0]?.code;
  const where = whereOf(url);
  const hostPort = where.split('/')[0];
  if (code !== undefined && NETWORK_CODES.has(code)) return new ConfigError(`cannot reach the PostgreSQL store at ${hostPort} (${code})`, { cause: err });
  if (/timeout/i.test(error.message ?? '')) {
    return new ConfigError(`cannot reach the PostgreSQL store at ${hostPort} (no answer in ${CONNECT_TIMEOUT_MS / 1000} s)`, { cause: err });
  }
  return new ConfigError(`the PostgreSQL store at ${where} refused the connection: ${error.message ?? String(err)}`, { cause: err });
}

function createPool(url: string, max: number, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    // A half-open TCP connection (a host that vanished) is noticed instead of hanging a query.
    keepAlive: true,
    // Lets an operator (and the tests) find this process's connections in pg_stat_activity.
    application_name: `scour ${process.pid}`,
  });
  // Without a listener, an idle client whose backend dies would crash the process; the pool
  // has already dropped that client, so the next call simply gets a fresh connection.
  pool.on('error', (err) => logger.warn({ err: err.message, where: whereOf(url) }, 'an idle PostgreSQL connection failed and was dropped'));
  // A client checked out when its backend dies (the server restarting mid-query) emits 'error'
  // on itself, not on the pool: without a listener that crashed the worker process (found by
  // tests/pipeline-postgres-restart.test.ts). The query in flight rejects on its own, so the
  // job retries; the listener only keeps the event from killing the process.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.debug({ err: err.message, where: whereOf(url) }, 'a PostgreSQL connection failed; its call, if any, fails and is retried'));
  });
  return pool;
}

async function verify(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  client.release();
}

/** A lease on the process's pool for url, connected once to check the server answers. */
export async function acquirePool(url: string, poolSize: number, logger: Logger): Promise<PoolLease> {
  let shared = pools.get(url);
  if (shared === undefined) {
    const pool = createPool(url, poolSize, logger);
    const created: SharedPool = { pool, db: new Database(pool), refs: 0, ready: Promise.resolve(), tasks: new Map() };
    created.ready = verify(created.pool).catch(async (err: unknown) => {
      if (pools.get(url) === created) pools.delete(url);
      await created.pool.end().catch(() => undefined);
      throw describeConnectError(url, err);
    });
    pools.set(url, created);
    shared = created;
  }
  const entry = shared;
  entry.refs += 1;
  try {
    await entry.ready;
  } catch (err) {
    entry.refs -= 1;
    throw err;
  }
  let released = false;
  return {
    db: entry.db,
    once(schema, task) {
      let running = entry.tasks.get(schema);
      if (running === undefined) {
        running = task().catch((err: unknown) => {
          // A failed task may succeed on the next open (the server was restarting).
          entry.tasks.delete(schema);
          throw err;
        });
        entry.tasks.set(schema, running);
      }
      return running;
    },
    async release() {
      if (released) return;
      released = true;
      entry.refs -= 1;
      if (entry.refs > 0) return;
      if (pools.get(url) === entry) pools.delete(url);
      await entry.pool.end();
    },
  };
}

/** SQLSTATEs of a backend that is going away: terminated, crashed, or the server not yet up. */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'EPIPE']);

/** True when the connection failed, not the statement: the server ended it (restart, pg_terminate_backend) or the socket broke. */
export function isConnectionLost(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  if (code !== undefined && LOST_CODES.has(code)) return true;
  // Not 'Connection terminated due to connection timeout': a server that does not answer is not retried.
  return /^Connection terminated( unexpectedly)?$|is not queryable$/.test(message ?? '');
}

/**
 * The pool as the stores use it. When the server drops every connection at once (a
 * restart), the pool learns of each dead idle client only as its socket reports it, and
 * may hand out several dead ones before that: an operation that fails because its
 * connection was lost runs again on another, up to once per pooled connection plus one.
 * That is safe because every statement here is idempotent (upserts, inserts that skip an
 * existing key, deletes, reads): a second run after an unknown outcome changes nothing.
 * A server that stays down fails the next connect with ECONNREFUSED, which is thrown.
 */
export class Database {
  constructor(readonly pool: pg.Pool) {}

  private async retrying<T>(op: () => Promise<T>): Promise<T> {
    const attempts = (this.pool.options.max ?? 10) + 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await op();
      } catch (err) {
        if (attempt >= attempts || !isConnectionLost(err)) throw err;
      }
    }
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.retrying(() => this.pool.query<R>(text, values));
  }

  /**
   * Runs fn on one client inside `begin` … COMMIT (fn may run again, see above). On any
   * error the client is destroyed rather than rolled back and reused: it may be the
   * connection that failed, and a fresh one is cheap.
   */
  transaction<T>(begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const client = await this.pool.connect();
      try {
        await client.query(begin);
        const result = await fn(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        client.release(err instanceof Error ? err : true);
        throw err;
      }
    });
  }
}
