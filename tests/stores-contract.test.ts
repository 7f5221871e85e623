import { appendFile, link as hardLink, lstat, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotRegularFileError, openInputFile } from '../src/producers/open-input-file.js';
import { FsOutputStore } from '../src/stores/fs/fs-output-store.js';
import { FsRawStore } from '../src/stores/fs/fs-raw-store.js';
import { sampleRecord, sha256 } from './helpers/sample-entries.js';
import { outputStoreContract, rawStoreContract } from './helpers/store-contract.js';
import { filesUnder, makeTempDir } from './helpers/temp-dir.js';

const getBytes = async (store: FsRawStore, key: string): Promise<Uint8Array> => {
  const bytes = await store.get(key);
  if (bytes === null) throw new Error(`no entry ${key}`);
  return bytes;
};

outputStoreContract('FsOutputStore', async () => {
  const dir = await makeTempDir('out');
  // Entries only: the summary index beside them (index/) is not an entry.
  const entries = async () => (await filesUnder(join(dir.path, 'records'))).length + (await filesUnder(join(dir.path, 'rejected'))).length;
  return { store: new FsOutputStore(dir.path), countEntries: entries, cleanup: dir.remove };
});

rawStoreContract('FsRawStore', async () => {
  const dir = await makeTempDir('raw');
  const scratch = await makeTempDir('scratch');
  return {
    store: new FsRawStore(dir.path),
    scratch: scratch.path,
    countEntries: async () => (await filesUnder(dir.path)).length,
    cleanup: async () => {
      await dir.remove();
      await scratch.remove();
    },
  };
});

// The filesystem stores remember the folders they made; one removed behind their back (an
// operator clearing out/ or raw/) must be made again, not turn every later write into ENOENT.
describe('filesystem stores whose folders are removed while they run', () => {
  it('FsOutputStore writes again after its records folder is deleted', async () => {
    const dir = await makeTempDir('out');
    try {
      const store = new FsOutputStore(dir.path);
      await store.writeRecord(sampleRecord('before'));
      await rm(join(dir.path, 'records'), { recursive: true });
      await store.writeRecord(sampleRecord('after'));
      expect(await store.read('records', sha256('after'))).toEqual(sampleRecord('after'));
      expect(await store.count('records')).toBe(1);
    } finally {
      await dir.remove();
    }
  });

  it('FsRawStore adds again after its whole folder is deleted', async () => {
    const dir = await makeTempDir('raw');
    const scratch = await makeTempDir('scratch');
    try {
      const store = new FsRawStore(dir.path);
      const path = join(scratch.path, 'a.txt');
      await writeFile(path, 'first');
      await store.addFile(openInputFile(path));
      await rm(dir.path, { recursive: true });
      await writeFile(path, 'second');
      const { key } = await store.addFile(openInputFile(path));
      expect(Buffer.from(await getBytes(store, key)).toString()).toBe('second');
      expect(await filesUnder(dir.path)).toHaveLength(1);
    } finally {
      await dir.remove();
      await scratch.remove();
    }
  });
});

it('FsRawStore still reads and deletes keys stored under the two-level layout of 0.1.0', async () => {
  const dir = await makeTempDir('raw');
  try {
    const content = 'stored by 0.1.0';
    const key = sha256(content);
    await mkdir(join(dir.path, key.slice(0, 2), key.slice(2, 4)), { recursive: true });
    await writeFile(join(dir.path, key.slice(0, 2), key.slice(2, 4), key), content);
    const store = new FsRawStore(dir.path);
    expect(await store.has(key)).toBe(true);
    expect(Buffer.from(await getBytes(store, key)).toString()).toBe(content);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await filesUnder(dir.path)).toHaveLength(0);
  } finally {
    await dir.remove();
  }
});

// A claimed file (the inbox's, removed once queued) is kept as the same file under its key,
// not copied; anything else, and any file a link cannot take, is copied.
describe('FsRawStore: claimed files are linked, others copied', () => {
  const setUp = async () => {
    const dir = await makeTempDir('raw');
    const scratch = await makeTempDir('scratch');
    return { store: new FsRawStore(dir.path), dir, scratch, cleanup: async () => Promise.all([dir.remove(), scratch.remove()]) };
  };

  it('a claimed file becomes the raw entry itself and outlives the removal of its source', async () => {
    const { store, scratch, cleanup } = await setUp();
    try {
      const path = join(scratch.path, 'inbox.txt');
      await writeFile(path, 'claimed bytes');
      const { key } = await store.addFile(openInputFile(path), { claim: true });
      expect((await stat(store.pathOf(key))).ino).toBe((await stat(path)).ino);
      await rm(path);
      expect(Buffer.from(await getBytes(store, key)).toString()).toBe('claimed bytes');
    } finally {
      await cleanup();
    }
  });

  it('a claimed file replaced between its read and the link is copied from the bytes read', async () => {
    const { store, scratch, cleanup } = await setUp();
    try {
      const path = join(scratch.path, 'raced.txt');
      await writeFile(path, 'the bytes that were read');
      // The writer's replacement is played at the one await between reading and linking.
      const known = (store as unknown as { known: { ensure(dir: string): Promise<void> } }).known;
      const ensure = known.ensure.bind(known);
      let replaced = false;
      known.ensure = async (dir: string) => {
        await ensure(dir);
        if (replaced) return;
        replaced = true;
        await writeFile(`${path}.new`, 'a replacement');
        await rename(`${path}.new`, path);
      };
      const { key } = await store.addFile(openInputFile(path), { claim: true });
      expect(replaced).toBe(true);
      expect(key).toBe(sha256('the bytes that were read'));
      expect(Buffer.from(await getBytes(store, key)).toString()).toBe('the bytes that were read');
      expect(await readFile(path, 'utf8')).toBe('a replacement');
    } finally {
      await cleanup();
    }
  });

  it('a claimed file swapped for a symbolic link to itself between its read and the link is copied, never stored as the link', async () => {
    const { store, scratch, cleanup } = await setUp();
    try {
      const path = join(scratch.path, 'swapped.txt');
      const moved = join(scratch.path, 'moved.txt');
      await writeFile(path, 'bytes later reached through a link');
      const known = (store as unknown as { known: { ensure(dir: string): Promise<void> } }).known;
      const ensure = known.ensure.bind(known);
      let swapped = false;
      known.ensure = async (dir: string) => {
        await ensure(dir);
        if (swapped) return;
        swapped = true;
        // The same inode behind a link: a stat that follows links would see the file that was read.
        await rename(path, moved);
        await symlink(moved, path);
      };
      const { key } = await store.addFile(openInputFile(path), { claim: true });
      expect(swapped).toBe(true);
      expect((await lstat(store.pathOf(key))).isSymbolicLink()).toBe(false);
      await rm(path);
      await rm(moved);
      expect(Buffer.from(await getBytes(store, key)).toString()).toBe('bytes later reached through a link');
    } finally {
      await cleanup();
    }
  });

  it('without a claim, and for a symbolic link or a file with other names even with one, the bytes are copied', async () => {
    const { store, scratch, cleanup } = await setUp();
    try {
      const path = join(scratch.path, 'kept.txt');
      await writeFile(path, 'copied bytes');
      const plain = await store.addFile(openInputFile(path));
      expect((await stat(store.pathOf(plain.key))).ino).not.toBe((await stat(path)).ino);

      const target = join(scratch.path, 'target.txt');
      const link = join(scratch.path, 'link.txt');
      await writeFile(target, 'bytes behind a link');
      await symlink(target, link);
      // The store never opens a path: whoever hands it a file opened it without following links.
      expect(() => openInputFile(link)).toThrow(NotRegularFileError);

      // A file that already has another name can still be written through it: copied too.
      const shared = join(scratch.path, 'shared.txt');
      await writeFile(shared, 'bytes with two names');
      await hardLink(shared, join(scratch.path, 'other-name.txt'));
      const twoNames = await store.addFile(openInputFile(shared), { claim: true });
      await appendFile(join(scratch.path, 'other-name.txt'), ', written later');
      expect(Buffer.from(await getBytes(store, twoNames.key)).toString()).toBe('bytes with two names');
    } finally {
      await cleanup();
    }
  });
});
