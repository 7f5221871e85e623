import { randomBytes } from 'node:crypto';
import { closeSync, fsync, open, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isNotFound } from '../../files/fs-errors.js';

/**
 * Filesystem helpers shared by the filesystem stores. A reader must only ever see a missing
 * file or a complete one, and a crash must never leave a half-written entry under its final
 * name: write a temp file beside the target, fsync it, rename it over the target, fsync the
 * directory so the rename itself survives a power cut.
 *
 * Only the calls that can wait for the disk are asynchronous: fsync, and the open that creates
 * a file (on a journalling filesystem it waits for a journal handle while others fsync; done
 * synchronously it blocked the event loop for 28% of a busy worker's time, and a worker with
 * 4 jobs in flight drained ~15% fewer jobs/s). write, close, rename and unlink of a small file
 * return in microseconds, while each async call pays a trip through libuv's thread pool and a
 * promise that costs more CPU than the call itself: measured in a worker, the stores took
 * ~2 ms of CPU per job, more than clean() and BullMQ together. (These stores are for local
 * disks; a network filesystem belongs behind another store implementation.)
 */

/** Temp names start with a dot so listings and the inbox watcher skip them. */
export const TEMP_PREFIX = '.tmp-';

export function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}`);
}

/** fsync(2) in the thread pool. */
export function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
}

/** open(2) in the thread pool, returning the plain descriptor the synchronous calls take. */
function openAsync(path: string, flags: string): Promise<number> {
  return new Promise((resolve, reject) => open(path, flags, (err, fd) => (err ? reject(err) : resolve(fd))));
}

/** fsync a directory so a rename or unlink in it is durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folders this process has created or found, so a store writing thousands of files into the
 * same few folders does not ask the filesystem to create each one again per write. A folder
 * removed behind the process's back shows up as ENOENT on the next write there; the caller
 * forgets it and creates it again (see writeFileAtomic).
 */
export class KnownDirs {
  private readonly dirs = new Set<string>();

  async ensure(dir: string): Promise<void> {
    if (this.dirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    // Bounded, should a caller ever write into an unbounded number of folders.
    if (this.dirs.size >= 100_000) this.dirs.clear();
    this.dirs.add(dir);
  }

  forget(dir: string): void {
    this.dirs.delete(dir);
  }
}

export interface AtomicWriteOptions {
  /** Folders already created (default: none, so the parent is created on every write). */
  known?: KnownDirs;
  /** Where the temp file goes (default: beside the target; must be on the same filesystem). */
  tempDir?: string;
}

/** Writes data to path atomically (temp + fsync + rename + fsync dir), creating parent folders. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const known = options.known ?? new KnownDirs();
  const dir = dirname(path);
  const tempDir = options.tempDir ?? dir;
  try {
    await writeThenRename(path, data, tempDir, known);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    // A folder went away after it was created (someone cleared the store): create them again.
    known.forget(dir);
    known.forget(tempDir);
    await writeThenRename(path, data, tempDir, known);
  }
  await fsyncDir(dir);
}

async function writeThenRename(path: string, data: string | Uint8Array, tempDir: string, known: KnownDirs): Promise<void> {
  await Promise.all([known.ensure(dirname(path)), known.ensure(tempDir)]);
  const temp = tempPathFor(join(tempDir, basename(path)));
  try {
    await writeDurably(temp, data);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Creates (or truncates) path with data and waits until the bytes are on disk. */
export async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const fd = await openAsync(path, 'w');
  try {
    writeFileSync(fd, data);
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}
