import type { Logger } from '../../log.js';
import type { OutputStore, RawStore } from '../types.js';
import { assertSchemaName } from './identifiers.js';
import { migrate } from './migrations.js';
import { PgOutputStore } from './pg-output-store.js';
import { PgRawStore } from './pg-raw-store.js';
import { acquirePool, type PoolLease } from './pool.js';

export { recordsChannel } from './identifiers.js';

/** How the PostgreSQL driver is opened (see ../open-stores.ts). */
export interface PostgresStoreOptions {
  /** postgres://user@host:port/db; stores opened with the same URL in one process share one pool. */
  url: string;
  /**
   * Schema holding the tables: the queue prefix, so two pipelines on one database never
   * meet. Any name up to 63 bytes (quoted in SQL); created and migrated at open.
   */
  schema: string;
  /** Most connections this process holds for url; the first store opened on a URL sets it. */
  poolSize: number;
  /** Where migrations and dropped connections are reported. */
  logger: Logger;
}

/** A lease on the URL's pool with the schema migrated; the lease is given back when migrating fails. */
async function openShared(options: PostgresStoreOptions): Promise<PoolLease> {
  assertSchemaName(options.schema);
  const lease = await acquirePool(options.url, options.poolSize, options.logger);
  try {
    await lease.once(options.schema, () => migrate(lease.db.pool, options.schema, options.logger));
    return lease;
  } catch (err) {
    await lease.release();
    throw err;
  }
}

export async function openPostgresRawStore(options: PostgresStoreOptions): Promise<RawStore> {
  const lease = await openShared(options);
  return new PgRawStore(lease.db, options.schema, () => lease.release());
}

export async function openPostgresOutputStore(options: PostgresStoreOptions): Promise<OutputStore> {
  const lease = await openShared(options);
  return new PgOutputStore(lease.db, options.schema, () => lease.release());
}
