import { estimateSimilarity } from '../clean/fingerprint.js';
import type { Story } from '../schemas/index.js';
import type { IndexEntry } from './entry.js';
import { STORY_SETTINGS } from './story-settings.js';

/** An indexed record met through a shared band (or the same body hash). */
export interface Candidate {
  id: string;
  story: string;
  signature: Uint32Array;
  shingles: number;
}

/** Estimated Jaccard and containment of two shingle sets from their MinHash and sizes. */
export function compare(a: Pick<IndexEntry, 'signature' | 'shingles'>, b: Pick<Candidate, 'signature' | 'shingles'>): { jaccard: number; containment: number } {
  const jaccard = estimateSimilarity(a.signature, b.signature);
  const smaller = Math.min(a.shingles, b.shingles);
  // |A ∩ B| = J (|A| + |B|) / (1 + J)
  const containment = smaller === 0 ? 0 : Math.min(1, (jaccard * (a.shingles + b.shingles)) / (1 + jaccard) / smaller);
  return { jaccard, containment };
}

export function sameStory(m: { jaccard: number; containment: number }): boolean {
  const s = STORY_SETTINGS;
  return m.jaccard >= s.minJaccard || (m.jaccard >= s.containmentFloor && m.containment >= s.minContainment);
}

/** The story a record opens when it meets no other: its own, as the first member. */
export function ownStory(entry: Pick<IndexEntry, 'id'>): Story {
  return { id: entry.id, relation: 'first', similarity: 1, nearestId: null };
}

/**
 * Where a new record goes, given the member with the same normalised body (if any) and the
 * candidates its bands met: the same text joins that member's story as a duplicate; else the
 * most similar candidate that passes the thresholds makes it a near-duplicate; else it opens
 * a story of its own. Pure: the in-memory index calls it; the Redis index's script is the same
 * decision in Lua (redis-index.ts PLACE), held to it by tests/stories-parity.test.ts.
 */
export function decide(entry: IndexEntry, exact: Candidate | null, candidates: readonly Candidate[]): Story {
  if (exact) return { id: exact.story, relation: 'duplicate', similarity: 1, nearestId: exact.id };
  let best: { c: Candidate; jaccard: number } | null = null;
  for (const c of candidates) {
    if (c.id === entry.id) continue;
    const m = compare(entry, c);
    if (!sameStory(m)) continue;
    // Ties go to the older story id order-independently, so concurrent runs agree.
    if (!best || m.jaccard > best.jaccard || (m.jaccard === best.jaccard && c.id < best.c.id)) best = { c, jaccard: m.jaccard };
  }
  if (!best) return ownStory(entry);
  return { id: best.c.story, relation: 'near-duplicate', similarity: Math.round(best.jaccard * 1000) / 1000, nearestId: best.c.id };
}

/** The band keys of a signature: `rows` components per band, as hex. */
export function bandKeys(signature: Uint32Array): string[] {
  const { bands, rows } = STORY_SETTINGS;
  const keys: string[] = [];
  for (let b = 0; b < bands && (b + 1) * rows <= signature.length; b++) {
    let key = `${b}:`;
    for (let r = 0; r < rows; r++) key += signature[b * rows + r]!.toString(16).padStart(8, '0');
    keys.push(key);
  }
  return keys;
}
