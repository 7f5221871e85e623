import { readFileSync } from 'node:fs';
import { seedPath } from './helpers/seeds.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { CleanResult } from '../src/clean/types.js';
import { CleanThread } from '../src/workers/clean-thread.js';
import { ensureDist } from './helpers/ensure-dist.js';

const SPIN_MODULE = new URL('./fixtures/threads/spin-clean.mjs', import.meta.url);
const SEED = readFileSync(seedPath('000'));
const OPTIONS = { processedAt: '2026-12-01T00:00:00.000Z', referenceDate: '2026-12-01' };
const input = (bytes: Uint8Array | string, name = 'page.txt') => ({ bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, name, receivedAt: OPTIONS.processedAt });

/** Near the cleaner's tag limit: about 350 MB of heap through parse and extraction. */
const HEAVY_HTML = `<html><body><article>${'<p>x'.repeat(190_000)}`;

describe('CleanThread', () => {
  let thread: CleanThread | null = null;
  beforeAll(ensureDist);
  afterEach(async () => {
    await thread?.close();
    thread = null;
  });

  it('returns what clean() returns in process', async () => {
    thread = new CleanThread({ inlineMaxBytes: 0 });
    const result = await thread.run(input(SEED), OPTIONS);
    expect(result.ok).toBe(true);
    expect(result).toEqual(clean(input(SEED), OPTIONS));
  });

  it('stops a call over its budget as too-slow, and the next call runs on a fresh thread', async () => {
    // 2 s: far below the 60 s spin, far above a cold thread's first clean of a seed on a loaded
    // machine (300 ms was exceeded at load 20 on 2 cores).
    thread = new CleanThread({ budgetMs: 2000, module: SPIN_MODULE, inlineMaxBytes: 0 });
    const slow = await thread.run(input('SPIN 60000'), OPTIONS);
    expect(slow).toMatchObject({ ok: false, reason: 'too-slow' });
    expect((await thread.run(input(SEED), OPTIONS)).ok).toBe(true);
    expect(thread.threadsStarted).toBe(2);
  });

  it('counts the budget from the start of each call, not from when it was queued', async () => {
    thread = new CleanThread({ budgetMs: 1500, module: SPIN_MODULE, inlineMaxBytes: 0 });
    // Three calls of 600 ms each: 1.8 s in all, each well within 1.5 s.
    const results = await Promise.all([1, 2, 3].map(() => thread!.run(input('SPIN 600'), OPTIONS)));
    expect(results.map((r) => (r.ok ? 'record' : r.reason))).toEqual(['no-article', 'no-article', 'no-article']);
    expect(thread.threadsStarted).toBe(1);
  });

  it('rejects an input that needs more than the heap cap as too-complex, and keeps working', async () => {
    thread = new CleanThread({ heapMb: 64, inlineMaxBytes: 0 });
    const heavy = await thread.run(input(HEAVY_HTML, 'page.html'), OPTIONS);
    expect(heavy).toMatchObject({ ok: false, reason: 'too-complex' });
    expect((await thread.run(input(SEED), OPTIONS)).ok).toBe(true);
  });

  it('retires a thread left holding a large heap, so its memory goes back', async () => {
    // 128 MB: far above what a seed leaves (~15 MB, plus ~36 MB of the language detector's n-grams), far below what 190,000 paragraphs leave (~350 MB), whatever the GC did meanwhile.
    thread = new CleanThread({ inlineMaxBytes: 0, recycleHeapMb: 128 });
    await thread.run(input(SEED), OPTIONS);
    const heavy: CleanResult = await thread.run(input(HEAVY_HTML, 'page.html'), OPTIONS);
    expect(heavy).toMatchObject({ ok: false, reason: 'no-article' });
    expect((await thread.run(input(SEED), OPTIONS)).ok).toBe(true);
    expect(thread.threadsStarted).toBe(2);
  });

  it('cleans small inputs on the calling thread, large ones in the thread', async () => {
    thread = new CleanThread({ budgetMs: 300, module: SPIN_MODULE });
    // Inline, the stand-in module never sees it: the real clean() answers at once.
    expect(await thread.run(input('SPIN 60000'), OPTIONS)).toMatchObject({ ok: false, reason: 'no-article' });
    expect(thread.threadsStarted).toBe(0);
    const large = await thread.run(input(`SPIN 60000\n${'padding '.repeat(4096)}`), OPTIONS);
    expect(large).toMatchObject({ ok: false, reason: 'too-slow' });
    expect(thread.threadsStarted).toBe(1);
  });

  it('preloads its thread: resolves once it has loaded, and the first call starts no other', async () => {
    thread = new CleanThread({ inlineMaxBytes: 0, module: new URL('./fixtures/threads/slow-load-clean.mjs', import.meta.url) });
    const started = Date.now();
    await thread.preload();
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
    expect(thread.threadsStarted).toBe(1);
    await thread.preload();
    expect(thread.threadsStarted).toBe(1);
    expect((await thread.run(input(SEED), OPTIONS)).ok).toBe(true);
    expect(thread.threadsStarted).toBe(1);
  });

  it('preload() settles when the thread fails to load, and the first call gets the error', async () => {
    thread = new CleanThread({ inlineMaxBytes: 0, module: new URL('./fixtures/threads/missing-module.mjs', import.meta.url) });
    await thread.preload();
    await expect(thread.run(input(SEED), OPTIONS)).rejects.toThrow();
  });

  it('refuses calls once closed', async () => {
    thread = new CleanThread({ inlineMaxBytes: 0 });
    await thread.close();
    await expect(thread.run(input(SEED), OPTIONS)).rejects.toThrow(/closed/);
  });
});
