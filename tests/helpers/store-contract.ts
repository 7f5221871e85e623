import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidIdError } from '../../src/ids.js';
import { openInputFile } from '../../src/producers/open-input-file.js';
import type { KeptEntry, OutputStore, RawStore } from '../../src/stores/types.js';
import { decodeStoreCursor, type OutputQuery, type StoreCursor } from '../../src/stores/output-query.js';
import type { CleanRecord } from '../../src/schemas/index.js';
import { sampleRecord, sampleRejection, sha256 } from './sample-entries.js';

/**
 * The contract every store driver meets, run against each of them (tests/stores-contract*.test.ts):
 * "not found" is a value (null / false), writes are atomic and idempotent, an id has one
 * output, hostile ids never reach the backend.
 */

/** Ids a store must refuse to turn into a location. */
export const HOSTILE_IDS = ['../../etc/passwd', 'abc', sha256('x').toUpperCase(), `${sha256('x')}/..`, `${sha256('x')}\0`, "x'; DROP TABLE records; --", ''];

export interface StoreHarness<S> {
  store: S;
  /** Entries the backend holds right now, temp or partial ones included (to check nothing half-written is left). */
  countEntries(): Promise<number>;
  cleanup(): Promise<void>;
}

const bodyOf = (entry: unknown): string => (entry as { body: string }).body;

export function outputStoreContract(name: string, open: () => Promise<StoreHarness<OutputStore>>): void {
  describe(`OutputStore contract: ${name}`, () => {
    let h: StoreHarness<OutputStore>;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.cleanup());

    it('reads back what it wrote, per kind, and names it by a store-neutral location', async () => {
      const record = sampleRecord('one');
      const rejection = sampleRejection('two');
      expect(await h.store.writeRecord(record)).toEqual({ store: h.store.kind, kind: 'records', id: record.id });
      expect(await h.store.writeRejection(rejection)).toEqual({ store: h.store.kind, kind: 'rejected', id: rejection.id });
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
      expect(bodyOf(await h.store.read('records', sha256('same')))).toBe('second body');
    });

    it('an id has one output: a record replaces its rejection, a rejection its record', async () => {
      const id = sha256('flip');
      await h.store.writeRejection({ ...sampleRejection('flip', 'failed') });
      await h.store.writeRecord(sampleRecord('flip'));
      expect(await h.store.read('rejected', id)).toBeNull();
      expect(await h.store.read('records', id)).not.toBeNull();
      await h.store.writeRejection(sampleRejection('flip', 'no-article'));
      expect(await h.store.read('records', id)).toBeNull();
      expect(await h.store.count('records')).toBe(0);
      expect(await h.store.count('rejected')).toBe(1);
    });

    it('concurrent writes of one id leave one valid entry and nothing half-written', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.store.writeRecord(sampleRecord('race', `body ${i}`))));
      expect(await h.store.count('records')).toBe(1);
      expect(bodyOf(await h.store.read('records', sha256('race')))).toMatch(/^body \d+$/);
      expect(await h.countEntries()).toBe(1);
    });

    it('returns null for missing ids and never reaches the backend for hostile ones', async () => {
      expect(await h.store.read('records', sha256('missing'))).toBeNull();
      expect(await h.store.read('rejected', sha256('missing'))).toBeNull();
      for (const id of HOSTILE_IDS) expect(await h.store.read('records', id)).toBeNull();
      await expect(h.store.writeRecord({ ...sampleRecord('bad'), id: '../escape' })).rejects.toThrow(InvalidIdError);
      await expect(h.store.delete('records', '../escape')).rejects.toThrow(InvalidIdError);
    });

    /** Records of known fields, written one after another (so their written order is a..f). */
    const writeCorpus = async () => {
      const rec = (seed: string, fields: Partial<CleanRecord> & { story?: { id: string } | null }) => ({ ...sampleRecord(seed), ...fields }) as CleanRecord;
      await h.store.writeRecord(rec('a', { date: '2021-06-30', publisher: 'Dawn', language: 'en', title: 'Budget vote', body: 'The assembly passed the budget.' }));
      await h.store.writeRecord(rec('b', { date: '2021-07-01', publisher: 'Dawn', language: 'en', title: 'Phone call', body: 'Leaders spoke by phone on Friday.', story: { id: 's1', relation: 'first' as const, similarity: 1, nearestId: null } }));
      await h.store.writeRejection(sampleRejection('c', 'no-article'));
      await h.store.writeRecord(rec('d', { date: '2021-07-31T09:00:00+05:00', publisher: 'Geo', language: 'ur', title: 'Call recap', body: 'A PHONE call, recapped.', story: { id: 's1', relation: 'first' as const, similarity: 1, nearestId: null } }));
      await h.store.writeRejection(sampleRejection('e', 'failed'));
      await h.store.writeRecord(rec('f', { date: null, publisher: null, language: null, title: null, body: 'Undated text about the budget.' }));
    };
    const idsOf = async (query: OutputQuery) => (await h.store.query(query)).map((s) => s.name?.replace('.txt', ''));

    it('query lists newest first and filters by status, day range, publisher, language, story, reason', async () => {
      await writeCorpus();
      expect(await idsOf({ limit: 10 })).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
      expect(await idsOf({ limit: 10, status: 'record' })).toEqual(['f', 'd', 'b', 'a']);
      expect(await idsOf({ limit: 10, status: 'rejected' })).toEqual(['c']);
      expect(await idsOf({ limit: 10, status: 'failed' })).toEqual(['e']);
      // A datetime counts by its own calendar day; undated records and rejections never match a range.
      expect(await idsOf({ limit: 10, from: '2021-07-01', to: '2021-07-31' })).toEqual(['d', 'b']);
      expect(await idsOf({ limit: 10, to: '2021-06-30' })).toEqual(['a']);
      expect(await idsOf({ limit: 10, publisher: 'Dawn' })).toEqual(['b', 'a']);
      expect(await idsOf({ limit: 10, language: 'ur' })).toEqual(['d']);
      expect(await idsOf({ limit: 10, story: 's1' })).toEqual(['d', 'b']);
      expect(await idsOf({ limit: 10, reason: 'no-article' })).toEqual(['c']);
      expect(await idsOf({ limit: 10, reason: 'failed', status: 'rejected' })).toEqual([]);
      expect(await idsOf({ limit: 10, reason: 'no-article', status: 'record' })).toEqual([]);
      const [d] = await h.store.query({ limit: 1, language: 'ur' });
      expect(d).toMatchObject({ id: sha256('d'), status: 'record', title: 'Call recap', date: '2021-07-31T09:00:00+05:00', publisher: 'Geo', language: 'ur', story: 's1', reason: null });
      expect(d?.bodyChars).toBe('A PHONE call, recapped.'.length);
      const [c] = await h.store.query({ limit: 1, status: 'rejected' });
      expect(c).toMatchObject({ id: sha256('c'), status: 'rejected', name: 'c.txt', title: null, reason: 'no-article', story: null });
    });

    it('query searches title and body for every word, case-insensitively, records only', async () => {
      await writeCorpus();
      expect(await idsOf({ limit: 10, q: 'phone' })).toEqual(['d', 'b']);
      expect(await idsOf({ limit: 10, q: 'PHONE Friday' })).toEqual(['b']);
      expect(await idsOf({ limit: 10, q: 'budget' })).toEqual(['f', 'a']);
      expect(await idsOf({ limit: 10, q: 'recap' })).toEqual(['d']);
      expect(await idsOf({ limit: 10, q: 'budget', publisher: 'Dawn' })).toEqual(['a']);
      expect(await idsOf({ limit: 10, q: 'nowhere' })).toEqual([]);
      expect(await idsOf({ limit: 1, q: 'budget' })).toEqual(['f']);
    });

    it('query pages by keyset cursors without gaps or repeats, both ways', async () => {
      await writeCorpus();
      const cursorOf = (text: string | undefined): StoreCursor => decodeStoreCursor(text ?? '') ?? expect.fail(`not a store cursor: ${text}`);
      const first = await h.store.query({ limit: 4 });
      expect(first.map((s) => s.name)).toEqual(['f.txt', 'e.txt', 'd.txt', 'c.txt']);
      const second = await h.store.query({ limit: 4, before: cursorOf(first.at(-1)?.cursor) });
      expect(second.map((s) => s.name)).toEqual(['b.txt', 'a.txt']);
      // after: newer entries, oldest first.
      expect((await h.store.query({ limit: 3, after: cursorOf(second[0]?.cursor) })).map((s) => s.name)).toEqual(['c.txt', 'd.txt', 'e.txt']);
      expect(await h.store.query({ limit: 3, after: cursorOf(first[0]?.cursor) })).toEqual([]);
      // Filters apply across pages.
      const dawn = await h.store.query({ limit: 1, publisher: 'Dawn' });
      expect((await h.store.query({ limit: 5, publisher: 'Dawn', before: cursorOf(dawn[0]?.cursor) })).map((s) => s.name)).toEqual(['a.txt']);
      // A rewritten entry moves to the newest position; a deleted one leaves the listing.
      await h.store.writeRecord({ ...sampleRecord('a'), publisher: 'Dawn' });
      await h.store.delete('rejected', sha256('e'));
      expect(await idsOf({ limit: 10 })).toEqual(['a', 'f', 'd', 'c', 'b']);
      // A record replacing its rejection is listed once, as a record.
      await h.store.writeRecord(sampleRecord('c'));
      expect(await idsOf({ limit: 10 })).toEqual(['c', 'a', 'f', 'd', 'b']);
      expect(await idsOf({ limit: 10, status: 'rejected' })).toEqual([]);
    });

    it('counts by status and by reason under the same filters', async () => {
      await writeCorpus();
      await h.store.writeRejection(sampleRejection('g', 'no-article'));
      expect(await h.store.counts({})).toEqual({ total: 7, byStatus: { record: 4, rejected: 2, failed: 1 }, byReason: { 'no-article': 2, failed: 1 } });
      expect(await h.store.counts({ status: 'rejected' })).toEqual({ total: 2, byStatus: { record: 0, rejected: 2, failed: 0 }, byReason: { 'no-article': 2 } });
      expect(await h.store.counts({ from: '2021-07-01' })).toEqual({ total: 2, byStatus: { record: 2, rejected: 0, failed: 0 }, byReason: {} });
      expect(await h.store.counts({ q: 'phone', story: 's1' })).toEqual({ total: 2, byStatus: { record: 2, rejected: 0, failed: 0 }, byReason: {} });
      expect(await h.store.counts({ reason: 'failed' })).toEqual({ total: 1, byStatus: { record: 0, rejected: 0, failed: 1 }, byReason: { failed: 1 } });
    });

    it('query and counts of an empty store are empty', async () => {
      expect(await h.store.query({ limit: 10 })).toEqual([]);
      expect(await h.store.counts({ q: 'anything' })).toEqual({ total: 0, byStatus: { record: 0, rejected: 0, failed: 0 }, byReason: {} });
    });

    it('deletes entries, and deleting a missing one is a no-op', async () => {
      const record = sampleRecord('gone');
      await h.store.writeRecord(record);
      await h.store.delete('records', record.id);
      await h.store.delete('records', record.id);
      expect(await h.store.read('records', record.id)).toBeNull();
      expect(await h.store.count('records')).toBe(0);
    });
  });
}

export function rawStoreContract(name: string, open: () => Promise<StoreHarness<RawStore> & { scratch: string }>): void {
  describe(`RawStore contract: ${name}`, () => {
    let h: StoreHarness<RawStore> & { scratch: string };
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.cleanup());

    const file = async (label: string, content: string | Buffer) => {
      const path = join(h.scratch, label);
      await writeFile(path, content);
      return openInputFile(path);
    };
    const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString());

    it('adds a file under its sha256 and gives the bytes back', async () => {
      const content = Buffer.from('héllo wörld\n'.repeat(10_000));
      const added = await h.store.addFile(await file('a.txt', content));
      expect(added).toMatchObject({ key: sha256(content), bytes: content.length });
      // The file as read, so whoever removes the source can tell whether it changed since.
      if (added.source) expect(added.source.size).toBe(content.length);
      expect(await h.store.has(added.key)).toBe(true);
      expect(Buffer.from((await h.store.get(added.key))!).equals(content)).toBe(true);
    });

    it('is idempotent: the same bytes twice are one entry', async () => {
      const first = await h.store.addFile(await file('a.txt', 'same bytes'));
      const second = await h.store.addFile(await file('b.txt', 'same bytes'));
      await h.store.put(first.key, Buffer.from('same bytes'));
      expect(second.key).toBe(first.key);
      expect(await h.countEntries()).toBe(1);
    });

    it('concurrent adds of the same bytes leave one entry', async () => {
      const files = await Promise.all(Array.from({ length: 8 }, (_, i) => file(`c${i}.txt`, 'raced bytes')));
      const keys = await Promise.all(files.map((f) => h.store.addFile(f)));
      expect(new Set(keys.map((k) => k.key))).toEqual(new Set([sha256('raced bytes')]));
      expect(await h.countEntries()).toBe(1);
      expect(text(await h.store.get(sha256('raced bytes')))).toBe('raced bytes');
    });

    it('keeps large files whole: 17 MiB, over the default input limit (the pipeline, not the store, rejects it)', async () => {
      const content = Buffer.alloc(17 * 1024 * 1024 + 17, 'scour large file ');
      const added = await h.store.addFile(await file('large.txt', content));
      expect(added).toMatchObject({ key: sha256(content), bytes: content.length });
      if (added.source) expect(added.source.size).toBe(content.length);
      expect(Buffer.from((await h.store.get(added.key))!).equals(content)).toBe(true);
      expect(await h.countEntries()).toBe(1);
    });

    it('stores empty files too', async () => {
      const added = await h.store.addFile(await file('empty', ''));
      expect(added).toMatchObject({ key: sha256(''), bytes: 0 });
      expect((await h.store.get(added.key))?.length).toBe(0);
    });

    it('put checks the key against the bytes', async () => {
      await expect(h.store.put(sha256('other'), Buffer.from('checked'))).rejects.toThrow(/hash/);
      expect(await h.store.has(sha256('other'))).toBe(false);
      await h.store.put(sha256('checked'), Buffer.from('checked'));
      expect(text(await h.store.get(sha256('checked')))).toBe('checked');
    });

    it('not found is a value: get gives null, has false; deleting twice is a no-op', async () => {
      const { key } = await h.store.addFile(await file('d.txt', 'delete me'));
      await h.store.delete(key);
      await h.store.delete(key);
      expect(await h.store.has(key)).toBe(false);
      expect(await h.store.get(key)).toBeNull();
      expect(await h.store.get(sha256('never stored'))).toBeNull();
    });

    it('refuses hostile keys before they reach the backend', async () => {
      for (const id of HOSTILE_IDS) {
        await expect(h.store.get(id), id).rejects.toThrow(InvalidIdError);
        await expect(h.store.delete(id), id).rejects.toThrow(InvalidIdError);
        await expect(h.store.put(id, Buffer.from('x')), id).rejects.toThrow(InvalidIdError);
        await expect(h.store.keep(id), id).rejects.toThrow(InvalidIdError);
      }
    });

    const listKeys = async () => {
      const listed: string[] = [];
      for await (const key of h.store.keys()) listed.push(key);
      return listed.sort();
    };
    const listKept = async (keptBefore?: string) => {
      const listed: KeptEntry[] = [];
      for await (const entry of h.store.kept(keptBefore === undefined ? {} : { keptBefore })) listed.push(entry);
      return listed;
    };

    it('a kept entry leaves the in-flight keys but is still read, listed as kept with its time, and deleted', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const { key } = await h.store.addFile(await file('kept.txt', 'kept bytes'));
      const other = (await h.store.addFile(await file('other.txt', 'in flight'))).key;
      expect((await h.store.info(key))?.keptAt).toBeNull();
      await h.store.keep(key);
      expect(await listKeys()).toEqual([other]);
      expect(text(await h.store.get(key))).toBe('kept bytes');
      expect(await h.store.get(key, { inFlightOnly: true })).toBeNull();
      expect(text(await h.store.get(other, { inFlightOnly: true }))).toBe('in flight');
      expect(await h.store.has(key)).toBe(true);
      const info = await h.store.info(key);
      expect(info).toMatchObject({ bytes: 10 });
      expect(Date.parse(info!.keptAt!)).toBeGreaterThan(Date.parse(before));
      const kept = await listKept();
      expect(kept).toEqual([{ key, bytes: 10, keptAt: info!.keptAt }]);
      // The sweeper asks for entries kept before a time: none are due before they were kept.
      expect(await listKept(before)).toEqual([]);
      expect((await listKept(new Date(Date.now() + 60_000).toISOString())).map((entry) => entry.key)).toEqual([key]);
      await h.store.keep(sha256('never stored'));
      await h.store.delete(key);
      expect(await h.store.has(key)).toBe(false);
      expect(await listKept()).toEqual([]);
      expect(await h.countEntries()).toBe(1);
    });

    it('the same bytes added again are in flight again; keeping them again moves the kept time on', async () => {
      const { key } = await h.store.addFile(await file('a.txt', 'again'));
      await h.store.keep(key);
      const first = (await h.store.info(key))!.keptAt!;
      await h.store.addFile(await file('b.txt', 'again'));
      expect(await listKeys()).toEqual([key]);
      expect(text(await h.store.get(key, { inFlightOnly: true }))).toBe('again');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await h.store.keep(key);
      expect(await listKeys()).toEqual([]);
      expect(Date.parse((await h.store.info(key))!.keptAt!)).toBeGreaterThan(Date.parse(first));
      expect((await listKept()).map((entry) => entry.key)).toEqual([key]);
      expect(await h.countEntries()).toBe(1);
      await h.store.put(key, Buffer.from('again'));
      expect(await listKeys()).toEqual([key]);
    });

    it('removeKept removes only an entry kept before the given time, and says so', async () => {
      const past = new Date(Date.now() - 60_000).toISOString();
      const future = () => new Date(Date.now() + 60_000).toISOString();
      const { key } = await h.store.addFile(await file('due.txt', 'due'));
      expect(await h.store.removeKept(key, future())).toBe(false);
      expect(await h.store.has(key)).toBe(true);
      await h.store.keep(key);
      expect(await h.store.removeKept(key, past)).toBe(false);
      expect(await h.store.has(key)).toBe(true);
      expect(await h.store.removeKept(key, future())).toBe(true);
      expect(await h.store.removeKept(key, future())).toBe(false);
      expect(await h.store.has(key)).toBe(false);
      expect(await h.countEntries()).toBe(0);
      await expect(h.store.removeKept('../x', future())).rejects.toThrow(InvalidIdError);
    });

    it('lists every key it holds, and only those', async () => {
      const added = await Promise.all(['k1', 'k2', 'k3'].map(async (label) => (await h.store.addFile(await file(label, `bytes of ${label}`))).key));
      await h.store.delete(added[1]!);
      const listed: string[] = [];
      for await (const key of h.store.keys()) listed.push(key);
      expect(listed.sort()).toEqual([added[0]!, added[2]!].sort());
    });
  });
}
