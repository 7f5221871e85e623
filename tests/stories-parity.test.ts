import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { IndexEntry } from '../src/stories/entry.js';
import { entryOf } from '../src/stories/entry.js';
import { MemoryStoryIndex } from '../src/stories/memory-index.js';
import { STORY_SETTINGS } from '../src/stories/story-settings.js';
import { SHORT_ID } from '../src/stories/redis-index.js';
import type { Placement } from '../src/stories/story-index.js';
import { useRedisStoryIndexes } from './helpers/story-indexes.js';
import { SEEDS } from './helpers/seeds.js';
import { random } from './helpers/random.js';

// The Redis index decides in its Lua script; the in-memory index calls placement.ts decide().
// Both must place every record alike: the same story, relation, similarity, nearest member, dater.

const AT = '2026-12-01T00:00:00.000Z';
const N = 128;
const redisIndexes = useRedisStoryIndexes();

const idOf = (name: string) => createHash('sha256').update(name).digest('hex');

function entry(name: string, signature: Uint32Array, shingles: number, options: Partial<IndexEntry> = {}): IndexEntry {
  return { id: idOf(name), bodyHash: idOf(`body of ${name}`), signature, shingles, date: null, dateConfidence: 0, ...options };
}

/**
 * Records drawn around a few topics: each takes a topic's component with some probability, else
 * a value from a small pool (so unrelated records meet in bands and fail the thresholds, and
 * band keys fill past their bound), with
 * sizes from empty to large (containment), some the same text as an earlier one, some dated.
 * Component counts are multiples of 1/128, so equal similarities (ties) are common.
 */
function syntheticEntries(count: number, seed: number): IndexEntry[] {
  const next = random(seed);
  const topics = Array.from({ length: 6 }, () => Uint32Array.from({ length: N }, () => Math.floor(next() * 2 ** 32)));
  const entries: IndexEntry[] = [];
  for (let i = 0; i < count; i++) {
    const topic = topics[Math.floor(next() * topics.length)]!;
    const share = [0.05, 0.12, 0.18, 0.24, 0.3, 0.6, 0.95][Math.floor(next() * 7)]!;
    const signature = topic.map((v) => (next() < share ? v : Math.floor(next() * 8)));
    const shingles = [0, 1, 8, 40, 300, 2000][Math.floor(next() * 6)]!;
    const dated = next() < 0.3;
    const options: Partial<IndexEntry> = dated ? { date: `2021-07-${String(1 + (i % 28)).padStart(2, '0')}`, dateConfidence: 0.5 + (i % 5) / 10 } : {};
    const copied = i > 0 && next() < 0.1 ? entries[Math.floor(next() * entries.length)]! : null;
    entries.push(entry(`synthetic ${seed} ${i}`, signature, shingles, copied ? { ...options, bodyHash: copied.bodyHash } : options));
  }
  return entries;
}

/** Places the entries in order through both indexes: every placement, memory's and Redis's. */
async function placeInBoth(entries: readonly IndexEntry[], prefix = redisIndexes.prefix()): Promise<{ memory: Placement[]; redis: Placement[] }> {
  const memoryIndex = new MemoryStoryIndex();
  const redisIndex = redisIndexes.open(prefix);
  const memory: Placement[] = [];
  const placed: Placement[] = [];
  for (const e of entries) {
    memory.push(await memoryIndex.place(e));
    placed.push(await redisIndex.place(e));
  }
  return { memory, redis: placed };
}

describe('the Redis index decides as placement.ts decide()', () => {
  it('places synthetic records alike: same text, near copies by Jaccard and by containment, ties, retries', async () => {
    const entries = syntheticEntries(400, 16);
    // Every fifth record placed again (a retried job) gets its first placement back.
    const retried = entries.filter((_, i) => i % 5 === 0);
    const prefix = redisIndexes.prefix();
    const { memory, redis: placed } = await placeInBoth([...entries, ...retried], prefix);
    for (let i = 0; i < placed.length; i++) expect(placed[i], `placement ${i}`).toEqual(memory[i]);
    const stories = memory.slice(0, entries.length).map((p) => p.story);
    // Not a vacuous match: every kind of placement, and both threshold paths, are in the run.
    expect(stories.filter((s) => s.relation === 'first').length).toBeGreaterThan(20);
    expect(stories.filter((s) => s.relation === 'duplicate').length).toBeGreaterThan(10);
    expect(stories.filter((s) => s.relation === 'near-duplicate' && s.similarity >= STORY_SETTINGS.minJaccard).length).toBeGreaterThan(20);
    expect(stories.filter((s) => s.relation === 'near-duplicate' && s.similarity < STORY_SETTINGS.minJaccard).length).toBeGreaterThan(5);
    expect(memory.filter((p) => p.undated.length > 0).length).toBeGreaterThan(0);
    // Some band keys reached their bound, so older members dropped out of them alike.
    const longest = Math.max(...(await Promise.all((await redisIndexes.redis().keys(`${prefix}:stories:band:*`)).map((key) => redisIndexes.redis().strlen(key)))));
    expect(longest).toBe(STORY_SETTINGS.maxPerBand * SHORT_ID);
  });

  it('breaks a tie between two stories by the lesser member id, whichever band met it first', async () => {
    const p = Uint32Array.from({ length: N }, (_, i) => 1_000_000 + i);
    const q = Uint32Array.from({ length: N }, (_, i) => 2_000_000 + i);
    // Even components from p, odd from q: half of each, and the first band (component 0) meets p.
    const mixed = p.map((v, i) => (i % 2 === 0 ? v : q[i]!));
    for (const [pName, qName] of [
      ['tie p', 'tie q'],
      ['tie q', 'tie p'],
    ] as const) {
      const [first, second] = [entry(pName, p, 100), entry(qName, q, 100)];
      const { memory, redis: placed } = await placeInBoth([first, second, entry(`${pName} meets both`, mixed, 100)]);
      expect(placed).toEqual(memory);
      const lesser = first.id < second.id ? first : second;
      expect(placed[2]!.story).toEqual({ id: lesser.id, relation: 'near-duplicate', similarity: 0.5, nearestId: lesser.id });
    }
  });

  it('places the seeds and their cleaned copies alike', async () => {
    const records = SEEDS.flatMap((seed) => {
      const text = readFileSync(seed.path, 'utf8');
      return [text, `A line of another outlet.\n\n${text}`, text.slice(0, Math.floor(text.length / 3))].map((t, n) => {
        const result = clean({ bytes: Buffer.from(t), name: `${n}-${seed.name}`, receivedAt: AT }, { processedAt: AT });
        if (!result.ok) throw new Error(`${seed.name} rejected`);
        return entryOf(result.record);
      });
    });
    const { memory, redis: placed } = await placeInBoth(records);
    expect(placed).toEqual(memory);
    expect(new Set(memory.map((p) => p.story.id)).size).toBeLessThan(records.length);
  });
});
