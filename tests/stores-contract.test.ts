import { appendFile, link as hardLink, mkdir, readFile, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotRegularFileError, openInputFile } from '../src/producers/open-input-file.js';
import { FsOutputStore } from '../src/stores/fs-output-store.js';
import { FsRawStore } from '../src/stores/fs-raw-store.js';
import { InvalidIdError } from '../src/stores/ids.js';
import type { OutputStore, RawStore } from '../src/stores/types.js';
import { sampleRecord, sampleRejection, sha256 } from './helpers/sample-entries.js';
import { makeTempDir } from './helpers/temp-dir.js';

/** Ids a store must refuse to turn into a path. */
const HOSTILE_IDS = ['../../etc/passwd', 'abc', sha256('x').toUpperCase(), `${sha256('x')}/..`, `${sha256('x')}\0`, ''];

interface Harness<S> {
  store: S;
  /** Files the store holds (to check nothing half-written or temp is left). */
  listFiles(): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** The contract every OutputStore implementation must meet. */
function outputStoreContract(name: string, open: () => Promise<Harness<OutputStore>>): void {
  describe(`OutputStore contract: ${name}`, () => {
    let h: Harness<OutputStore>;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.cleanup());

    it('reads back what it wrote, per kind', async () => {
      const record = sampleRecord('one');
      const rejection = sampleRejection('two');
      expect((await h.store.writeRecord(record)).location).toContain(record.id);
      await h.store.writeRejection(rejection);
      expect(await h.store.read('records', record.id)).toEqual(record);
      expect(await h.store.read('rejected', rejection.id)).toEqual(rejection);
      expect(await h.store.read('rejected', record.id)).toBeNull();
      expect(await h.store.count('records')).toBe(1);
      expect(await h.store.count('rejected')).toBe(1);
    });

    it('writing the same id twice leaves one complete entry (the last)', async () => {
      await h.store.writeRecord(sampleRecord('same', 'first body'));
      await h.store.writeRecord(sampleRecord('same', 'second body'));
      expect(await h.store.count('records')).toBe(1);
      expect(((await h.store.read('records', sha256('same'))) as { body: string }).body).toBe('second body');
    });

    it('concurrent writes of one id leave one valid entry and no temp files', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.store.writeRecord(sampleRecord('race', `body ${i}`))));
      expect(await h.store.count('records')).toBe(1);
      expect(((await h.store.read('records', sha256('race'))) as { body: string }).body).toMatch(/^body \d+$/);
      expect(await h.listFiles()).toHaveLength(1);
    });

    it('returns null for missing ids and never reads outside the store for hostile ones', async () => {
      expect(await h.store.read('records', sha256('missing'))).toBeNull();
      for (const id of HOSTILE_IDS) expect(await h.store.read('records', id)).toBeNull();
      await expect(h.store.writeRecord({ ...sampleRecord('bad'), id: '../escape' })).rejects.toThrow(InvalidIdError);
    });

    it('deletes entries, and deleting a missing one is a no-op', async () => {
      const record = sampleRecord('gone');
      await h.store.writeRecord(record);
      await h.store.delete?.('records', record.id);
      await h.store.delete?.('records', record.id);
      expect(await h.store.read('records', record.id)).toBeNull();
      expect(await h.store.count('records')).toBe(0);
    });
  });
}

/** The contract every RawStore implementation must meet. */
function rawStoreContract(name: string, open: () => Promise<Harness<RawStore> & { scratch: string }>): void {
  describe(`RawStore contract: ${name}`, () => {
    let h: Harness<RawStore> & { scratch: string };
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.cleanup());

    const file = async (label: string, content: string | Buffer) => {
      const path = join(h.scratch, label);
      await writeFile(path, content);
      return path;
    };

    it('adds a file under its sha256 and gives the bytes back', async () => {
      const content = Buffer.from('héllo wörld\n'.repeat(10_000));
      const added = await h.store.addFile(openInputFile(await file('a.txt', content)));
      expect(added).toMatchObject({ key: sha256(content), bytes: content.length });
      // The file as read, so whoever removes the source can tell whether it changed since.
      if (added.source) expect(added.source.size).toBe(content.length);
      expect(await h.store.has(added.key)).toBe(true);
      expect(Buffer.from(await h.store.get(added.key)).equals(content)).toBe(true);
    });

    it('is idempotent: the same bytes twice are one entry', async () => {
      const first = await h.store.addFile(openInputFile(await file('a.txt', 'same bytes')));
      const second = await h.store.addFile(openInputFile(await file('b.txt', 'same bytes')));
      expect(second.key).toBe(first.key);
      expect(await h.listFiles()).toHaveLength(1);
    });

    it('hashes and keeps large files whole (over the size read in one piece)', async () => {
      const content = Buffer.alloc(3 * 1024 * 1024 + 17, 'scour large file ');
      const added = await h.store.addFile(openInputFile(await file('large.txt', content)));
      expect(added).toMatchObject({ key: sha256(content), bytes: content.length });
      if (added.source) expect(added.source.size).toBe(content.length);
      expect(Buffer.from(await h.store.get(added.key)).equals(content)).toBe(true);
      expect(await h.listFiles()).toHaveLength(1);
    });

    it('stores empty files too', async () => {
      const added = await h.store.addFile(openInputFile(await file('empty', '')));
      expect(added).toMatchObject({ key: sha256(''), bytes: 0 });
      expect((await h.store.get(added.key)).length).toBe(0);
    });

    it('putFile checks the key against the bytes', async () => {
      const path = await file('c.txt', 'checked');
      await expect(h.store.putFile(sha256('other'), path)).rejects.toThrow(/hashes to/);
      await h.store.putFile(sha256('checked'), path);
      expect(await h.store.has(sha256('checked'))).toBe(true);
    });

    it('deletes, tolerates deleting twice, and refuses hostile keys', async () => {
      const { key } = await h.store.addFile(openInputFile(await file('d.txt', 'delete me')));
      await h.store.delete(key);
      await h.store.delete(key);
      expect(await h.store.has(key)).toBe(false);
      await expect(h.store.get(key)).rejects.toThrow();
      for (const id of HOSTILE_IDS) await expect(h.store.get(id)).rejects.toThrow(InvalidIdError);
    });
  });
}

/** Every file under dir, recursively, temp files included. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

outputStoreContract('FsOutputStore', async () => {
  const dir = await makeTempDir('out');
  return { store: new FsOutputStore(dir.path), listFiles: () => filesUnder(dir.path), cleanup: dir.remove };
});

rawStoreContract('FsRawStore', async () => {
  const dir = await makeTempDir('raw');
  const scratch = await makeTempDir('scratch');
  return {
    store: new FsRawStore(dir.path),
    scratch: scratch.path,
    listFiles: () => filesUnder(dir.path),
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
      expect(Buffer.from(await store.get(key)).toString()).toBe('second');
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
    expect(Buffer.from(await store.get(key)).toString()).toBe(content);
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
      expect(Buffer.from(await store.get(key)).toString()).toBe('claimed bytes');
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
      expect(Buffer.from(await store.get(key)).toString()).toBe('the bytes that were read');
      expect(await readFile(path, 'utf8')).toBe('a replacement');
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
      expect(Buffer.from(await store.get(twoNames.key)).toString()).toBe('bytes with two names');
    } finally {
      await cleanup();
    }
  });
});
