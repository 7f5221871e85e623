import type { CleanRecord, RejectionRecord } from '../schemas/index.js';

/**
 * Content-addressed raw bytes, kept until their job ends as a record, a rejection or a
 * failed job. Keys are sha256 hex. Implementations must make put() atomic and idempotent.
 */
export interface RawStore {
  /** Stores bytes read from a local file under key; a no-op when key exists. */
  putFile(key: string, path: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export type OutputKind = 'records' | 'rejected';

/** Where a written entry can be found: a path for the filesystem store, a URL/key elsewhere. */
export interface WriteResult {
  location: string;
}

/**
 * The output store downstream programs read. Writes are atomic and idempotent per id:
 * writing the same id twice leaves one complete, correct entry.
 */
export interface OutputStore {
  writeRecord(record: CleanRecord): Promise<WriteResult>;
  writeRejection(rejection: RejectionRecord): Promise<WriteResult>;
  /** The stored JSON of an entry, or null when there is none. Ids are validated first. */
  read(kind: OutputKind, id: string): Promise<unknown | null>;
  /** Entry count per kind (may scan; used by `scour status`). */
  count(kind: OutputKind): Promise<number>;
}
