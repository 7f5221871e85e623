import type { Stats } from 'node:fs';
import type { CleanRecord, RejectionRecord } from '../schemas/index.js';
import type { OutputCounts, OutputFilter, OutputQuery, OutputSummary } from './output-query.js';

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

/** Which driver holds a store's entries: the local folder or PostgreSQL (an object store fits next). */
export type StoreKind = 'file' | 'postgres';

/**
 * Content-addressed raw bytes, kept until their job ends as a record, a rejection or a
 * failed job. Keys are sha256 hex; a driver never turns any other string into a location.
 * Every write is atomic and idempotent (same key = same bytes, written once). "Not there"
 * is a value (null / false), never an error; any thrown error is a real failure that the
 * caller retries.
 */
export interface RawStore {
  readonly kind: StoreKind;
  /** Copies an opened local file in (and closes it), hashing it on the way; returns its sha256 key and size. Idempotent. */
  addFile(file: OpenedFile, options?: AddFileOptions): Promise<AddedFile>;
  /** Stores bytes under key; throws when they do not hash to key; a no-op when key exists. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under key, or null when the store has none. */
  get(key: string): Promise<Uint8Array | null>;
  /** What is known of an entry without reading its bytes, or null when there is none. */
  info(key: string): Promise<RawInfo | null>;
  has(key: string): Promise<boolean>;
  /** Removes key; a no-op when absent. */
  delete(key: string): Promise<void>;
  /** Every key held, in no set order, streamed (the reconciler walks it; stores may hold millions). */
  keys(): AsyncIterable<string>;
  /** Releases connections and handles; the store is not used afterwards. */
  close(): Promise<void>;
}

/** An entry's size, and the name and time it was stored under where the driver keeps them. */
export interface RawInfo {
  bytes: number;
  /** The input's name as given to addFile; null where the driver keeps no names (the file store). */
  name: string | null;
  /** ISO time the entry was stored. */
  storedAt: string;
}

export interface AddFileOptions {
  /**
   * The input's name (relative to the inbox), kept by drivers that can (PostgreSQL), so an
   * entry whose job Redis lost is queued again under its own name.
   */
  name?: string;
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

/**
 * Where a written entry is, in store-neutral terms (never a machine-local path): stream
 * entries and job return values carry it, and any process reads the entry back by it.
 */
export interface OutputLocation {
  store: StoreKind;
  kind: OutputKind;
  id: string;
}

/**
 * The output store downstream programs read. An id has at most one output: writing a
 * record removes a rejection of the same id and the other way round (a retried job that
 * now succeeds, or now fails, leaves no stale entry beside its new one). Writes are atomic
 * and idempotent per id: writing the same id twice leaves one complete, correct entry.
 */
export interface OutputStore {
  readonly kind: StoreKind;
  writeRecord(record: CleanRecord): Promise<OutputLocation>;
  writeRejection(rejection: RejectionRecord): Promise<OutputLocation>;
  /** The stored JSON of an entry, or null when there is none (or the id is not a sha256). */
  read(kind: OutputKind, id: string): Promise<unknown | null>;
  /** Entry count per kind. */
  count(kind: OutputKind): Promise<number>;
  /** Removes an entry; a no-op when absent. */
  delete(kind: OutputKind, id: string): Promise<void>;
  /**
   * Summaries of the entries matching the query, in written-time order (keyset paging, see
   * output-query.ts): newest first, or oldest first with `after`. At most `limit`.
   */
  query(query: OutputQuery): Promise<OutputSummary[]>;
  /** How many entries match the filter, by status and by rejection reason. */
  counts(filter: OutputFilter): Promise<OutputCounts>;
  close(): Promise<void>;
}
