import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { placeRecord } from '../src/stories/place-in-worker.js';
import { RedisStoryIndex } from '../src/stories/redis-index.js';
import { startHarness, type Harness } from './fixtures/dashboard/harness.js';
import { seedPath } from './helpers/seeds.js';

const AT = '2026-12-01T00:00:00.000Z';
const seedRecord = (prefix: string): CleanRecord => {
  const result = clean({ bytes: readFileSync(seedPath(prefix)), name: `${prefix}.txt`, receivedAt: AT }, { processedAt: AT });
  if (!result.ok) throw new Error('seed rejected');
  return result.record;
};

describe('GET /api/stories/:id', () => {
  let h: Harness;
  let index: RedisStoryIndex;
  const placed = new Map<string, CleanRecord>();
  beforeAll(async () => {
    h = await startHarness();
    index = new RedisStoryIndex(h.redis, { prefix: h.prefix });
    for (const p of ['002', '003', '001']) {
      const { record } = await placeRecord(seedRecord(p), index);
      placed.set(p, record);
      await h.write(record);
    }
  });
  afterAll(async () => {
    await index.close();
    await h.cleanup();
  });

  it("lists a story's members in placement order with title, publisher, date and relation", async () => {
    const storyId = placed.get('002')!.story!.id;
    const res = await h.get(`/api/stories/${storyId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; members: Array<Record<string, unknown>>; truncated: boolean };
    expect(body.id).toBe(storyId);
    expect(body.truncated).toBe(false);
    expect(body.members.map((m) => m.id)).toEqual([placed.get('002')!.id, placed.get('003')!.id]);
    const r003 = placed.get('003')!;
    expect(body.members[1]).toEqual({
      id: r003.id,
      title: r003.title,
      publisher: r003.publisher,
      date: '2021-07-09',
      relation: 'near-duplicate',
      similarity: r003.story!.similarity,
      url: `/api/records/${r003.id}`,
    });
    expect(body.members[0]!.relation).toBe('first');
  });

  it('answers 404 for an unknown story and 400 for a bad id', async () => {
    expect((await h.get(`/api/stories/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await h.get('/api/stories/nope')).status).toBe(400);
  });
});
