import type * as NodeFs from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// fsync(2) calls counted: the real call still runs, so the store behaves as it does on disk.
const fsyncs = vi.hoisted(() => ({ count: 0, events: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const fsync = ((fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
    const n = (fsyncs.count += 1);
    fsyncs.events.push(`start ${n}`);
    fs.fsync(fd, (err) => {
      fsyncs.events.push(`end ${n}`);
      callback(err);
    });
  }) as typeof fs.fsync;
  return { ...fs, default: { ...fs, fsync }, fsync };
});

const { openInputFile } = await import('../src/producers/open-input-file.js');
const { FsRawStore } = await import('../src/stores/fs/fs-raw-store.js');
const { makeTempDir } = await import('./helpers/temp-dir.js');

// Issue 18: keeping a raw entry (its output written, held for the retention period) is a
// rename within the store, once per job. It moves no bytes out of reach, so it costs no
// fsync (it cost two folder fsyncs, ~4% of a worker's main thread); its crash guarantee is
// the reconciler's, which keeps again an in-flight entry whose output exists.
describe('FsRawStore.keep', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir('raw-keep');
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('moves the entry out of flight without an fsync, and it reads as before', async () => {
    const store = new FsRawStore(join(dir.path, 'raw'));
    const source = join(dir.path, 'page.txt');
    await writeFile(source, 'kept bytes');
    const { key } = await store.addFile(openInputFile(source), { claim: true });
    const inFlight = store.pathOf(key);
    fsyncs.count = 0;
    await store.keep(key);
    expect(fsyncs.count).toBe(0);
    await expect(stat(inFlight)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.get(key, { inFlightOnly: true })).toBeNull();
    expect(Buffer.from((await store.get(key))!).toString()).toBe('kept bytes');
    expect((await store.info(key))?.keptAt).not.toBeNull();
    expect(await readFile(join(dir.path, 'raw', 'kept', key.slice(0, 2), key), 'utf8')).toBe('kept bytes');
  });

  it('still fsyncs what an add needs: the claimed file and its folder', async () => {
    const store = new FsRawStore(join(dir.path, 'raw'));
    const source = join(dir.path, 'page.txt');
    await writeFile(source, 'added bytes');
    fsyncs.count = 0;
    await store.addFile(openInputFile(source), { claim: true });
    expect(fsyncs.count).toBe(2);
  });
});

