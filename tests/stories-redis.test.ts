import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { clean } from '../src/clean/index.js';
import { fingerprint } from '../src/clean/fingerprint.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { entryOf } from '../src/stories/entry.js';
import { bandKeys } from '../src/stories/placement.js';
import { SHORT_ID } from '../src/stories/redis-index.js';
import { sampleRecord } from './helpers/sample-entries.js';
import { useRedisStoryIndexes } from './helpers/story-indexes.js';
import { seedPath } from './helpers/seeds.js';

const AT = '2026-12-01T00:00:00.000Z';
const redisIndexes = useRedisStoryIndexes();

function seedRecord(prefix: string): CleanRecord {
  const result = clean({ bytes: readFileSync(seedPath(prefix)), name: `${prefix}.txt`, receivedAt: AT }, { processedAt: AT });
  if (!result.ok) throw new Error(`seed ${prefix} rejected`);
  return result.record;
}

/** A copy of a body as another outlet runs it: one sentence of its own on top. */
function copyOf(base: CleanRecord, n: number): CleanRecord {
  const body = `Outlet ${n} adds a line of its own about the call.\n\n${base.body}`;
  return { ...sampleRecord(`copy-${n}`, body), date: null, dateEvidence: null, fingerprint: fingerprint(body) };
}

describe('the Redis stories index', () => {
  it('copies placed at the same moment through two connections end in one story, with one first', async () => {
    const prefix = redisIndexes.prefix();
    const [a, b] = [redisIndexes.open(prefix), redisIndexes.open(prefix)];
    const base = seedRecord('003');
    const copies = Array.from({ length: 8 }, (_, n) => copyOf(base, n));
    const placements = await Promise.all(copies.map((copy, n) => (n % 2 === 0 ? a : b).place(entryOf(copy))));
    const stories = new Set(placements.map((p) => p.story.id));
    expect(stories.size).toBe(1);
    expect(placements.filter((p) => p.story.relation === 'first')).toHaveLength(1);
    const first = placements.find((p) => p.story.relation === 'first')!;
    expect(first.story.id).toBe(copies[placements.indexOf(first)]!.id);
    expect(new Set(await a.members(first.story.id))).toEqual(new Set(copies.map((c) => c.id)));
  });

  it('keeps different stories apart, and a retried placement returns the same story', async () => {
    const prefix = redisIndexes.prefix();
    const index = redisIndexes.open(prefix);
    const p000 = await index.place(entryOf(seedRecord('000')));
    const p001 = await index.place(entryOf(seedRecord('001')));
    const p003 = await index.place(entryOf(seedRecord('003')));
    expect(new Set([p000.story.id, p001.story.id, p003.story.id]).size).toBe(3);
    expect(await index.place(entryOf(seedRecord('001')))).toEqual(p001);
  });

  it('names the undated members placed before the first dated one, and expires every key within the window', async () => {
    const prefix = redisIndexes.prefix();
    const index = redisIndexes.open(prefix, 3600);
    const undated = await index.place(entryOf(seedRecord('002')));
    expect(undated.dater).toBeNull();
    const dated = await index.place(entryOf(seedRecord('003')));
    expect(dated.story.id).toBe(undated.story.id);
    expect(dated.dater).toMatchObject({ memberId: seedRecord('003').id, date: '2021-07-09' });
    expect(dated.undated).toEqual([seedRecord('002').id]);
    const later = await index.place(entryOf(seedRecord('004')));
    expect(later.dater?.memberId).toBe(seedRecord('003').id);
    expect(later.undated).toEqual([]);
    const keys = await redisIndexes.redis().keys(`${prefix}:stories:*`);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const ttl = await redisIndexes.redis().ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(3600);
    }
  });

  it('keeps short ids in the band lists, and tells a record from another sharing its short id', async () => {
    const prefix = redisIndexes.prefix();
    const index = redisIndexes.open(prefix);
    const base = seedRecord('003');
    const placed = await index.place(entryOf(base));
    const bands = await redisIndexes.redis().keys(`${prefix}:stories:band:*`);
    // The script derives the band keys from the signature: the same keys as placement.ts bandKeys().
    expect(bands.sort()).toEqual(bandKeys(entryOf(base).signature).map((band) => `${prefix}:stories:band:${band}`).sort());
    for (const key of bands) expect(await redisIndexes.redis().get(key)).toBe(base.id.slice(0, SHORT_ID));
    // Another record whose id starts like this one's is not taken for it (a retried placement).
    const twin = { ...seedRecord('000'), id: `${base.id.slice(0, SHORT_ID)}${'0'.repeat(64 - SHORT_ID)}` };
    const other = await index.place(entryOf(twin));
    expect(other.story).not.toEqual(placed.story);
    expect(other.story.relation).toBe('first');
  });

  it('places every record in one command: one that meets nobody, one that meets unrelated records, one that joins a story', async () => {
    const prefix = redisIndexes.prefix();
    const index = redisIndexes.open(prefix);
    // Loads the script (the first EVALSHA may answer NOSCRIPT).
    await index.place(entryOf(seedRecord('000')));
    // Words no seed has: it meets nobody.
    const lone = sampleRecord('lone', Array.from({ length: 300 }, (_, i) => `lone${i}`).join(' '));
    // Given lone's signature with 15 of every 16 components changed, it meets lone in a band but stays apart.
    const unrelated = entryOf(sampleRecord('unrelated', 'Words of another story entirely.'));
    const sent = vi.spyOn(Redis.prototype, 'sendCommand');
    try {
      const first = await index.place(entryOf(lone));
      expect(first.story.relation).toBe('first');
      expect(first.dater?.memberId).toBe(lone.id);
      expect(sent).toHaveBeenCalledTimes(1);
      const signature = entryOf(lone).signature.map((v, i) => (i % 16 === 0 ? v : v ^ 1));
      const other = await index.place({ ...unrelated, signature });
      expect(other.story).toMatchObject({ id: unrelated.id, relation: 'first' });
      expect(sent).toHaveBeenCalledTimes(2);
      const near = await index.place(entryOf(copyOf(lone, 7)));
      expect(near.story).toMatchObject({ id: first.story.id, relation: 'near-duplicate' });
      expect(near.dater?.memberId).toBe(lone.id);
      expect(sent).toHaveBeenCalledTimes(3);
    } finally {
      sent.mockRestore();
    }
  });
});
