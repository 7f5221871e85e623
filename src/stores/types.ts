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
 * Content-addressed raw bytes. An entry is *in flight* from its add until its job ends as a
 * record or a rejection (a failed job keeps it in flight); then it is either deleted or *kept*
 * for the raw retention period (SCOUR_RAW_RETENTION), so its record can be shown next to its
 * source and cleaned again by a newer cleaner. Only in-flight entries are work: keys() lists
 * those alone, and the reconciler walks it. Keys are sha256 hex; a driver never turns any
 * other string into a location.
 * Every write is atomic and idempotent (same key = same bytes, written once). "Not there"
 * is a value (null / false), never an error; any thrown error is a real failure that the
 * caller retries.
 */
export interface RawStore {
  readonly kind: StoreKind;
  /**
   * Copies an opened local file in (and closes it), hashing it on the way; returns its sha256
   * key and size. Idempotent. The entry is in flight afterwards, even if it was kept before
   * (the same bytes arrived again and will be queued again).
   */
  addFile(file: OpenedFile, options?: AddFileOptions): Promise<AddedFile>;
  /** Stores bytes under key, in flight; throws when they do not hash to key; a no-op when key is in flight already. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under key, or null when the store has none; `inFlightOnly` ignores a kept entry. */
  get(key: string, options?: { inFlightOnly?: boolean }): Promise<Uint8Array | null>;
  /** What is known of an entry without reading its bytes, or null when there is none. */
  info(key: string): Promise<RawInfo | null>;
  /** Whether bytes are held under key, in flight or kept. */
  has(key: string): Promise<boolean>;
  /** Removes key, in flight or kept; a no-op when absent. */
  delete(key: string): Promise<void>;
  /**
   * Turns an in-flight entry into a kept one, kept from now (a kept entry's time is moved to
   * now: its output was just written again); a no-op when absent.
   */
  keep(key: string): Promise<void>;
  /**
   * Removes key if it is kept and was kept before keptBefore (ISO time), and says whether it
   * did; an entry in flight again, or kept again since, stays. The sweeper's delete, safe
   * against a producer adding the same bytes meanwhile and against other sweepers.
   */
  removeKept(key: string, keptBefore: string): Promise<boolean>;
  /** Every in-flight key, in no set order, streamed (the reconciler walks it; stores may hold millions). */
  keys(): AsyncIterable<string>;
  /** Kept entries, streamed in no set order; with keptBefore (ISO time) only those kept before it (the sweeper's due ones). */
  kept(options?: { keptBefore?: string }): AsyncIterable<KeptEntry>;
  /** Releases connections and handles; the store is not used afterwards. */
  close(): Promise<void>;
}

/** An entry's size, and the name and time it was stored under where the driver keeps them. */
export interface RawInfo {
  bytes: number;
  /** The input's name as given to addFile; null where the driver keeps no names (the file store). */
  name: string | null;
  /** ISO time the entry was stored (the file store: when it was stored or kept, its inode's change time). */
  storedAt: string;
  /** ISO time its output was written and it was kept; null while it is in flight. */
  keptAt: string | null;
}

/** A kept entry, as the sweeper and `scour reprocess` list them. */
export interface KeptEntry {
  key: string;
  bytes: number;
  /** ISO time it was kept (its output written). */
  keptAt: string;
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
