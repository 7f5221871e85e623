import type { Stats } from 'node:fs';
import type { CleanRecord, RejectionRecord } from '../schemas/index.js';

/**
 * A local input file already opened for reading and checked on its descriptor (see
 * producers/open-input-file.ts): the raw store reads this, never a path it opens itself,
 * so no store can be talked into following a link out of the inbox.
 */
export interface OpenedFile {
  /** The path it was opened by (the filesystem store may hard-link it under its key). */
  path: string;
  /** Open descriptor; addFile closes it. */
  fd: number;
  /** fstat of fd, taken right after the open. */
  stats: Stats;
}

/**
 * Content-addressed raw bytes, kept until their job ends as a record, a rejection or a
 * failed job. Keys are sha256 hex. Implementations must make put() atomic and idempotent.
 */
export interface RawStore {
  /** Copies an opened local file in (and closes it), hashing it on the way; returns its sha256 key and size. Idempotent. */
  addFile(file: OpenedFile, options?: AddFileOptions): Promise<AddedFile>;
  /** Stores bytes read from a local file under key; a no-op when key exists. */
  putFile(key: string, path: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export interface AddFileOptions {
  /**
   * The caller removes the source once its job is queued (the inbox does; `scour add` does
   * not), so the store may keep the file itself (a hard link) instead of a copy of its bytes.
   */
  claim?: boolean;
}

export interface AddedFile {
  /** sha256 hex of the bytes. */
  key: string;
  bytes: number;
  /**
   * The source file as it was when read (from the same open descriptor): whoever removes the
   * source afterwards compares it first, so a file replaced or rewritten meanwhile is kept.
   */
  source?: FileIdentity;
}

/** What tells one version of a file from another without reading it again. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function identityOf(stats: FileIdentity): FileIdentity {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
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
  /**
   * Removes an entry (no-op when absent). Used when a failed job is retried and succeeds,
   * so its stale "failed" rejection does not sit beside the new record.
   */
  delete?(kind: OutputKind, id: string): Promise<void>;
}
