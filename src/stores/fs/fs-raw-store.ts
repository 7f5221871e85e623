import { createHash } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, linkSync, lstatSync, readFileSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { open, opendir, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { fsyncDir, fsyncFd, KnownDirs, tempPathFor, TEMP_PREFIX, writeFileAtomic } from './atomic-write.js';
import { isNotFound } from '../../files/fs-errors.js';
import { assertKeyOf, assertValidId, isValidId, sha256Hex } from '../../ids.js';
import { identityOf, type AddedFile, type AddFileOptions, type KeptEntry, type OpenedFile, type RawInfo, type RawStore } from '../types.js';

/**
 * Files up to this size are read whole, hashed and written in one call each; larger ones
 * are streamed. Most news pages are far smaller, and a stream costs more than the file.
 */
const WHOLE_FILE_BYTES = 1024 * 1024;

/**
 * Content-addressed raw bytes on the local filesystem: `<root>/ab/<sha256>`. Files are only
 * ever created by rename from a fsynced temp file in `<root>/tmp`, so a key that exists is
 * complete. The store holds only files in flight (queued, running or failed), so one level
 * of 256 folders keeps each small; with two levels (`ab/cd/`, before 0.1.1) nearly every
 * file of a burst made two new folders, a mkdir and a journal commit each. Keys stored under
 * that older layout are still read and deleted, so an upgrade loses no file in flight.
 * Kept entries (their output written, held for the raw retention period) move by rename to
 * `<root>/kept/ab/<sha256>`, out of the in-flight folders the reconciler walks; the rename
 * (and a chmod to the same mode, for filesystems whose rename leaves it) sets the inode's
 * change time, which is when the entry was kept.
 */
export class FsRawStore implements RawStore {
  readonly kind = 'file';
  private readonly tmpDir: string;
  private readonly known = new KnownDirs();

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  /**
   * The store at root, after its own start-up housekeeping: temp files older than
   * staleTempMs are copies a killed writer never finished (no live writer pauses that long
   * between its writes to a temp file), so they are removed.
   */
  static async open(root: string, options: { staleTempMs: number }): Promise<FsRawStore> {
    const store = new FsRawStore(root);
    await store.removeStaleTemps(options.staleTempMs);
    return store;
  }

  pathOf(key: string): string {
    assertValidId(key);
    return join(this.dirOf(key), key);
  }

  /** Where a kept entry lives: `<root>/kept/ab/<key>`. */
  private keptPathOf(key: string): string {
    assertValidId(key);
    return join(this.root, 'kept', key.slice(0, 2), key);
  }

  /** The folder a key lives in: `<root>/ab`. */
  private dirOf(key: string): string {
    return join(this.root, key.slice(0, 2));
  }

  /** Where the two-level layout kept key. */
  private legacyPathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async addFile(file: OpenedFile, options: AddFileOptions = {}): Promise<AddedFile> {
    // Synchronous calls for a small local file, as in fs-atomic.ts; only the disk waits are async.
    const { path, fd, stats } = file;
    let data: Buffer | null = null;
    try {
      if (stats.size <= WHOLE_FILE_BYTES) data = readFileSync(fd);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    const source = identityOf(stats);
    if (data === null) return { ...(await this.streamFile(fd)), source };
    try {
      const key = sha256Hex(data);
      // Same key = same bytes: a copy already there is complete, and nothing is written.
      if (!this.inFlight(key) && !(options.claim && (await this.linkIn(path, fd, stats, key)))) {
        await writeFileAtomic(this.pathOf(key), data, { known: this.known, tempDir: this.tmpDir });
      }
      return { key, bytes: data.length, source };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Keeps a claimed file under its key as a second name of the same file (a hard link), so its
   * bytes are neither written again nor fsynced twice: the file's data is fsynced, the new
   * name is made, its folder fsynced. On a filesystem shared by the inbox and the store this
   * took ~40% less producer CPU per file than a copy. false where a link cannot be made (the
   * inbox on another filesystem, a filesystem without hard links, a symbolic link, which
   * link(2) would not follow) or should not be (a file with other names): the caller copies
   * instead. Should the file be written again after it was read, the worker's hash check
   * finds it (see process-clean-job.ts). `read`: the file's stats from fd when it was read.
   */
  private async linkIn(path: string, fd: number, read: Stats, key: string): Promise<boolean> {
    // A file with another name already (a hard link someone made) can be written through that
    // name after the inbox's is gone; the store keeps only files nobody else can reach. A
    // symbolic link swapped in since the open is caught after the link (lstat below).
    if (read.nlink > 1) return false;
    const dir = this.dirOf(key);
    await Promise.all([fsyncFd(fd), this.known.ensure(dir)]);
    const link = (): 'linked' | 'exists' | 'cannot' => {
      try {
        linkSync(path, this.pathOf(key));
        return 'linked';
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The same bytes arrived meanwhile by another way: an entry, once named, is complete.
        if (code === 'EEXIST') return 'exists';
        if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') return 'cannot';
        throw err;
      }
    };
    let outcome;
    try {
      outcome = link();
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The folder may have been removed behind the store's back (or the source is gone: then
      // this throws ENOENT again, and the caller reports the file as vanished).
      this.known.forget(dir);
      await this.known.ensure(dir);
      outcome = link();
    }
    if (outcome !== 'linked') return outcome === 'exists';
    // link(2) takes whatever file has the name now: if a writer replaced the source since it
    // was read, the new entry holds other bytes than its key says; if it is a symbolic link
    // now, link(2) named the link itself, whose own inode lstat sees. Undo it; the caller
    // copies the bytes that were read.
    const entry = lstatSync(this.pathOf(key));
    if (entry.ino !== read.ino || entry.dev !== read.dev) {
      unlinkSync(this.pathOf(key));
      return false;
    }
    await fsyncDir(dir);
    return true;
  }

  /** addFile for large files: one streamed pass over fd (closed here) hashes each chunk and writes it to the temp copy. */
  private async streamFile(fd: number): Promise<{ key: string; bytes: number }> {
    const temp = tempPathFor(join(this.tmpDir, 'incoming'));
    const hash = createHash('sha256');
    let bytes = 0;
    let copy: FileHandle;
    try {
      await this.known.ensure(this.tmpDir);
      copy = await open(temp, 'w');
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    try {
      await pipeline(
        createReadStream('', { fd, autoClose: true }),
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            bytes += chunk.length;
            copy.write(chunk).then(() => callback(), callback);
          },
        }),
      );
      await copy.sync();
    } catch (err) {
      await copy.close();
      await rm(temp, { force: true });
      throw err;
    }
    await copy.close();
    const key = hash.digest('hex');
    await this.commit(temp, key);
    return { key, bytes };
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertValidId(key);
    if (this.inFlight(key)) return;
    assertKeyOf(key, bytes);
    await writeFileAtomic(this.pathOf(key), bytes, { known: this.known, tempDir: this.tmpDir });
  }

  async get(key: string, options: { inFlightOnly?: boolean } = {}): Promise<Uint8Array | null> {
    const paths = [this.pathOf(key), this.legacyPathOf(key)];
    if (!options.inFlightOnly) paths.push(this.keptPathOf(key));
    for (const path of paths) {
      try {
        return readFileSync(path);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return null;
  }

  /** Size and ctime: a link or rename into the store sets the ctime, so it is when the entry was stored (or kept). Names are not kept. */
  async info(key: string): Promise<RawInfo | null> {
    for (const path of [this.pathOf(key), this.legacyPathOf(key)]) {
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats) return { bytes: stats.size, name: null, storedAt: stats.ctime.toISOString(), keptAt: null };
    }
    const kept = statSync(this.keptPathOf(key), { throwIfNoEntry: false });
    return kept ? { bytes: kept.size, name: null, storedAt: kept.ctime.toISOString(), keptAt: kept.ctime.toISOString() } : null;
  }

  async keep(key: string): Promise<void> {
    const target = this.keptPathOf(key);
    for (const path of [this.pathOf(key), this.legacyPathOf(key)]) {
      if (!statSync(path, { throwIfNoEntry: false })) continue;
      await this.known.ensure(join(this.root, 'kept', key.slice(0, 2)));
      try {
        // Same key = same bytes: a kept entry already there is simply replaced.
        renameSync(path, target);
      } catch (err) {
        // Kept (or deleted) by another process meanwhile.
        if (!isNotFound(err)) throw err;
        continue;
      }
      await Promise.all([fsyncDir(join(this.root, 'kept', key.slice(0, 2))), fsyncDir(join(path, '..'))]);
    }
    const stats = statSync(target, { throwIfNoEntry: false });
    if (!stats) return;
    try {
      // Sets the change time to now, where a rename did not (or the entry was kept already).
      chmodSync(target, stats.mode & 0o7777);
    } catch (err) {
      // A linked inbox file owned by another user: the rename set the time on Linux filesystems.
      if (!isNotFound(err) && (err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    }
  }

  async removeKept(key: string, keptBefore: string): Promise<boolean> {
    const path = this.keptPathOf(key);
    const stats = statSync(path, { throwIfNoEntry: false });
    // Only the kept name goes: a copy in flight again (the same bytes dropped again) stays.
    if (!stats || stats.ctimeMs >= Date.parse(keptBefore)) return false;
    try {
      unlinkSync(path);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async *kept(options: { keptBefore?: string } = {}): AsyncIterable<KeptEntry> {
    const before = options.keptBefore === undefined ? Infinity : Date.parse(options.keptBefore);
    const keptRoot = join(this.root, 'kept');
    let folders: string[];
    try {
      folders = (await readdir(keptRoot)).filter((name) => /^[0-9a-f]{2}$/.test(name));
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    for (const folder of folders) {
      let names: string[];
      try {
        names = await readdir(join(keptRoot, folder));
      } catch (err) {
        if (isNotFound(err)) continue;
        throw err;
      }
      for (const name of names) {
        if (!isValidId(name)) continue;
        const stats = statSync(join(keptRoot, folder, name), { throwIfNoEntry: false });
        if (!stats || stats.ctimeMs >= before) continue;
        yield { key: name, bytes: stats.size, keptAt: stats.ctime.toISOString() };
      }
    }
  }

  async *keys(): AsyncIterable<string> {
    const folders: string[] = [this.root];
    for (let dir = folders.pop(); dir !== undefined; dir = folders.pop()) {
      let handle;
      try {
        handle = await opendir(dir, { bufferSize: 256 });
      } catch (err) {
        if (isNotFound(err)) continue;
        throw err;
      }
      for await (const entry of handle) {
        // Key folders are two hex digits (and, in the older layout, two more below them).
        if (entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name)) folders.push(join(dir, entry.name));
        else if (entry.isFile() && isValidId(entry.name)) yield entry.name;
      }
    }
  }

  async close(): Promise<void> {}

  async has(key: string): Promise<boolean> {
    return this.inFlight(key) || statSync(this.keptPathOf(key), { throwIfNoEntry: false }) !== undefined;
  }

  /** Whether key is in flight (adds write only those: a kept copy alone is not work for a new job). */
  private inFlight(key: string): boolean {
    const found = (path: string) => statSync(path, { throwIfNoEntry: false }) !== undefined;
    return found(this.pathOf(key)) || found(this.legacyPathOf(key));
  }

  async delete(key: string): Promise<void> {
    for (const path of [this.pathOf(key), this.legacyPathOf(key), this.keptPathOf(key)]) {
      try {
        unlinkSync(path);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** Removes temp files a crashed writer left behind, if older than maxAgeMs. */
  async removeStaleTemps(maxAgeMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (err) {
      if (isNotFound(err)) return 0;
      throw err;
    }
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const path = join(this.tmpDir, name);
      try {
        if (now - (await stat(path)).mtimeMs > maxAgeMs) {
          await rm(path, { force: true });
          removed += 1;
        }
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return removed;
  }

  private async commit(temp: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    if (this.inFlight(key)) {
      // Same key = same bytes: the copy already there is complete.
      await rm(temp, { force: true });
      return;
    }
    const dir = this.dirOf(key);
    await this.known.ensure(dir);
    await rename(temp, target);
    await fsyncDir(dir);
  }
}
