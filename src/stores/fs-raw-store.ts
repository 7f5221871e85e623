import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { fsyncDir, isNotFound, tempPathFor, TEMP_PREFIX } from './fs-atomic.js';
import { assertValidId } from './ids.js';
import type { AddedFile, RawStore } from './types.js';

/**
 * Content-addressed raw bytes on the local filesystem: `<root>/ab/cd/<sha256>`.
 * Two directory levels keep folders small at millions of files. Files are only ever
 * created by rename from a fsynced temp file in `<root>/tmp`, so a key that exists is
 * complete.
 */
export class FsRawStore implements RawStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  pathOf(key: string): string {
    assertValidId(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async addFile(path: string): Promise<AddedFile> {
    await mkdir(this.tmpDir, { recursive: true });
    const temp = tempPathFor(join(this.tmpDir, 'incoming'));
    const hash = createHash('sha256');
    let bytes = 0;
    const handle = await open(temp, 'w');
    try {
      // One pass over the file: every chunk is hashed and written to the temp copy.
      await pipeline(
        createReadStream(path),
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            bytes += chunk.length;
            handle.write(chunk).then(() => callback(), callback);
          },
        }),
      );
      await handle.sync();
    } catch (err) {
      await handle.close();
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    const key = hash.digest('hex');
    await this.commit(temp, key);
    return { key, bytes };
  }

  async putFile(key: string, path: string): Promise<void> {
    assertValidId(key);
    if (await this.has(key)) return;
    await mkdir(this.tmpDir, { recursive: true });
    const data = await readFile(path);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== key) throw new Error(`raw store: ${path} hashes to ${actual}, not ${key}`);
    await this.addFile(path);
  }

  async get(key: string): Promise<Uint8Array> {
    return readFile(this.pathOf(key));
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (err) {
      if (!isNotFound(err)) throw err;
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
    if (await this.has(key)) {
      // Same key = same bytes: the copy already there is complete.
      await rm(temp, { force: true });
      return;
    }
    const dir = join(this.root, key.slice(0, 2), key.slice(2, 4));
    await mkdir(dir, { recursive: true });
    await rename(temp, target);
    await fsyncDir(dir);
  }
}
