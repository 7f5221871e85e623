import type { Logger } from '../../log.js';
import type { OutputStore, RawStore } from '../types.js';

/** How the PostgreSQL driver is opened (see ../open-stores.ts). */
export interface PostgresStoreOptions {
  /** postgres://user@host:port/db */
  url: string;
  /** Schema holding the tables: the queue prefix, so two pipelines on one database never meet. */
  schema: string;
  /** Most connections this process holds. */
  poolSize: number;
  logger: Logger;
}

// Placeholder until the driver lands (issue 14): refuses with one clear line.
export async function openPostgresRawStore(options: PostgresStoreOptions): Promise<RawStore> {
  throw new Error(`PostgreSQL stores are not available in this build (${new URL(options.url).host})`);
}

export async function openPostgresOutputStore(options: PostgresStoreOptions): Promise<OutputStore> {
  throw new Error(`PostgreSQL stores are not available in this build (${new URL(options.url).host})`);
}
