import { appendFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsOutputStore } from '../src/stores/fs/fs-output-store.js';
import { RECONCILE_MS, SummaryIndex } from '../src/stores/fs/summary-index.js';
import { INDEX_DIR, SummaryLogWriter } from '../src/stores/fs/summary-log.js';
import { sampleRecord, sampleRejection, sha256 } from './helpers/sample-entries.js';
import { makeTempDir } from './helpers/temp-dir.js';

/**
 * The file store's summary index across processes: each writer appends to a log of its own,
 * a reader loads them all and tails them; the folders stay the truth (reconciliation).
 */
describe('file store summary index', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    dir = await makeTempDir('out');
  });
  afterEach(() => dir.remove());

  const namesOf = async (store: { query: FsOutputStore['query'] }) => (await store.query({ limit: 100 })).map((s) => s.name);

  it('a reader sees what other writers append after it loaded (tailing every writer log)', async () => {
    const writerA = new FsOutputStore(dir.path);
    const writerB = new FsOutputStore(dir.path);
    const reader = new FsOutputStore(dir.path);
    await writerA.writeRecord(sampleRecord('one'));
    expect(await namesOf(reader)).toEqual(['one.txt']);
    await writerB.writeRecord(sampleRecord('two'));
    await writerA.writeRejection(sampleRejection('three'));
    await writerB.delete('records', sha256('one'));
    expect(await namesOf(reader)).toEqual(['three.txt', 'two.txt']);
    expect((await readdir(join(dir.path, INDEX_DIR))).length).toBe(2);
    await Promise.all([writerA.close(), writerB.close(), reader.close()]);
  });

  it('a line still being written is read once it is complete; a torn or foreign line is skipped', async () => {
    const writer = new FsOutputStore(dir.path);
    await writer.writeRecord(sampleRecord('kept'));
    const reader = new FsOutputStore(dir.path);
    expect(await namesOf(reader)).toEqual(['kept.txt']);
    const log = join(dir.path, INDEX_DIR, 'other-host-1-abcd.log');
    // Stamped a second after "kept": in the same millisecond the newest-first order would be a tie.
    const line = JSON.stringify({ op: 'put', id: sha256('late'), status: 'record', at: (Date.now() + 1000) * 1000, s: { ...sampleRecordSummary('late') } });
    await writeFile(log, `not json\n{"op":"put","id":"../x"}\n${line.slice(0, 20)}`);
    expect(await namesOf(reader)).toEqual(['kept.txt']);
    await appendFile(log, `${line.slice(20)}\n`);
    expect(await namesOf(reader)).toEqual(['late.txt', 'kept.txt']);
    // A line without word hashes (from a writer that kept none) is searched in its file.
    await new FsOutputStore(join(dir.path, 'elsewhere')).writeRecord(sampleRecord('late', 'Words of the late record.'));
    await rename(join(dir.path, 'elsewhere', 'records', `${sha256('late')}.json`), join(dir.path, 'records', `${sha256('late')}.json`));
    expect((await reader.query({ limit: 10, q: 'late record' })).map((s) => s.name)).toEqual(['late.txt']);
    expect(await reader.counts({ q: 'late record' })).toMatchObject({ total: 1 });
    expect(await reader.counts({ q: 'body' })).toMatchObject({ total: 1 });
  });

  it('reconciles with the folders: outputs without a line are indexed (and logged), lines without an output dropped', async () => {
    let clock = 1_000_000;
    const writer = new FsOutputStore(dir.path);
    // Written before the index existed (or by a writer that died before its line).
    await writer.writeRecord(sampleRecord('indexed'));
    await rm(join(dir.path, INDEX_DIR), { recursive: true });
    await writer.close();
    await writeFile(join(dir.path, 'records', `${sha256('legacy')}.json`), JSON.stringify(sampleRecord('legacy')));
    const indexed = new FsOutputStore(dir.path);
    await indexed.writeRecord(sampleRecord('fresh'));

    const index = new SummaryIndex(dir.path, new SummaryLogWriter(dir.path), () => clock);
    expect((await index.query({ limit: 10 })).map((s) => s.name).sort()).toEqual(['fresh.txt', 'indexed.txt', 'legacy.txt']);
    // What reconciliation learned is logged: a new reader needs no folder scan to list it.
    const second = new SummaryIndex(dir.path, new SummaryLogWriter(dir.path), () => clock);
    expect((await second.query({ limit: 10 })).map((s) => s.name).sort()).toEqual(['fresh.txt', 'indexed.txt', 'legacy.txt']);

    // An operator removes a file behind the store's back: gone at the next reconciliation.
    await rm(join(dir.path, 'records', `${sha256('legacy')}.json`));
    expect((await index.query({ limit: 10 })).length).toBe(3);
    clock += RECONCILE_MS;
    expect((await index.query({ limit: 10 })).map((s) => s.name).sort()).toEqual(['fresh.txt', 'indexed.txt']);
    expect(await index.counts({})).toMatchObject({ total: 2 });
  });
});

function sampleRecordSummary(seed: string) {
  return { name: `${seed}.txt`, title: 'A title', date: '2021-07-14', publisher: null, pageUrl: null, bodyChars: 10, language: 'en', story: null, reason: null };
}
