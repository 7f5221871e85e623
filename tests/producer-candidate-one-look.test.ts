import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandidateFiles } from '../src/producers/candidate-files.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

// Issue 18: the watcher looked at each file twice (lstat, stableMs apart). A file whose mtime
// is already stableMs old at the first look has held still that long (every write sets the
// mtime), so that look suffices: files moved into the inbox whole, and those found by the
// scan at start, are read without the second lstat and the wait.
describe('CandidateFiles: one look for a file already unwritten for stableMs', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let candidates: CandidateFiles;
  let ready = 0;
  beforeEach(async () => {
    dir = await makeTempDir('candidates');
    ready = 0;
    candidates = new CandidateFiles({
      // Far longer than the test waits: a file ready within it was not waited for.
      stableMs: 60_000,
      limit: 100,
      onReady: () => (ready += 1),
      onFolder: () => undefined,
      onGone: () => undefined,
      onError: () => undefined,
      onEmpty: () => undefined,
    });
  });
  afterEach(async () => {
    candidates.close();
    await dir.remove();
  });

  it('a file last written an hour ago is ready after its first look', async () => {
    const path = join(dir.path, 'moved-in.txt');
    await writeFile(path, 'written elsewhere, renamed in');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path, anHourAgo, anHourAgo);
    candidates.offer(path);
    await waitFor(async () => ready === 1, 5_000, 'ready');
    expect(candidates.take()).toBe(path);
  });

  it('a file written just now still settles for stableMs', async () => {
    const path = join(dir.path, 'fresh.txt');
    await writeFile(path, 'perhaps the first chunk of many');
    candidates.offer(path);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ready).toBe(0);
    expect(candidates.take()).toBeUndefined();
  });
});
