import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { FsOutputStore } from './fs/fs-output-store.js';
import { FsRawStore } from './fs/fs-raw-store.js';
import type { OutputStore, RawStore } from './types.js';
import { withoutPassword } from '../redact-url.js';

/**
 * The one place stores are built from the configuration: a new backend is a new driver
 * plus one branch here. Everything above the stores sees only the RawStore and OutputStore
 * interfaces.
 */

export interface Stores {
  raw: RawStore;
  output: OutputStore;
  /** Closes both stores (a shared PostgreSQL pool once). */
  close(): Promise<void>;
}

/**
 * A raw-store temp file untouched this long belongs to a writer that died (a live copy
 * writes continuously), so the file driver removes it at start: the stable time, but
 * never less than this, so that one producer's start cannot remove another's live copy.
 */
const MIN_STALE_TEMP_MS = 10_000;

/** Store URL of each side: its own setting, else SCOUR_STORE, else the data folder. */
export function storeUrls(config: Pick<Config, 'dataDir' | 'store' | 'rawStore' | 'outputStore'>): { raw: string; output: string } {
  const both = config.store ?? `file:${config.dataDir}`;
  return { raw: config.rawStore ?? both, output: config.outputStore ?? both };
}

/** The store URLs without credentials, for logs and status lines. */
export function storeUrlsForLog(config: Pick<Config, 'dataDir' | 'store' | 'rawStore' | 'outputStore'>): { raw: string; output: string } {
  const bare = (url: string) => (url.startsWith('file:') ? `file:${folderOf(url)}` : withoutPassword(url));
  const urls = storeUrls(config);
  return { raw: bare(urls.raw), output: bare(urls.output) };
}

const isPostgres = (url: string): boolean => /^postgres(?:ql)?:\/\//.test(url);

/** The folder of a file: URL (`file:./data`, `file:/srv/scour`, `file:///srv/scour`). */
export function folderOf(url: string): string {
  const rest = url.slice('file:'.length);
  return resolve(rest.startsWith('//') ? decodeURIComponent(new URL(url).pathname) : rest);
}

export async function openStores(config: Config, logger: Logger): Promise<Stores> {
  const urls = storeUrls(config);
  const opened: Array<{ close(): Promise<void> }> = [];
  const closeAll = async () => {
    await Promise.all(opened.map((store) => store.close().catch((err: unknown) => logger.warn({ err }, 'error while closing a store'))));
  };
  try {
    const postgres = isPostgres(urls.raw) || isPostgres(urls.output) ? await import('./postgres/index.js') : null;
    // One pool per URL: a worker holds at most `concurrency` jobs, each using one connection at a time.
    const pgOptions = (url: string) => ({ url, schema: config.prefix, poolSize: config.concurrency + 2, logger });
    const raw: RawStore =
      postgres && isPostgres(urls.raw)
        ? await postgres.openPostgresRawStore(pgOptions(urls.raw))
        : await FsRawStore.open(join(folderOf(urls.raw), 'raw'), { staleTempMs: Math.max(config.stableMs, MIN_STALE_TEMP_MS) });
    opened.push(raw);
    const output: OutputStore =
      postgres && isPostgres(urls.output) ? await postgres.openPostgresOutputStore(pgOptions(urls.output)) : new FsOutputStore(join(folderOf(urls.output), 'out'));
    opened.push(output);
    return { raw, output, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
