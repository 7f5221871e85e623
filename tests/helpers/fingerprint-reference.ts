import { createHash } from 'node:crypto';
import { encodeSignature, normaliseBody } from '../../src/clean/fingerprint.js';
import { FINGERPRINT_SETTINGS } from '../../src/clean/rules/fingerprint-settings.js';

/**
 * The fingerprint's plain definition, written the obvious way (normalised string, word strings,
 * sorted shingle set, one bin pass): src/clean/fingerprint.ts computes the same values in one
 * pass over the text, and the tests hold it to this. Signatures already stored in records and
 * in the stories index compare only while the two agree.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Hashes of every run of `size` consecutive words (the whole text when shorter), sorted and deduplicated. */
function shingleHashes(words: readonly string[], size: number): Uint32Array {
  const all = new Uint32Array(words.length === 0 ? 0 : Math.max(1, words.length - size + 1));
  for (let i = 0; i < all.length; i++) {
    let h = 0x2545f491;
    for (let j = i; j < Math.min(i + size, words.length); j++) h = fmix32(h ^ wordHash(words[j]!));
    all[i] = h;
  }
  return Uint32Array.from(new Set(all.sort()));
}

/** One-permutation MinHash of the shingles with densification by rotation. */
function oneHashOf(shingles: Uint32Array, n: number): Uint32Array {
  const mins = new Uint32Array(n).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = fmix32(shingle ^ 0x5bd1e995);
    mins[h % n] = Math.min(mins[h % n]!, Math.floor(h / n));
  }
  if (mins.every((v) => v === 0xffffffff)) return mins;
  const offset = Math.floor(0x100000000 / n);
  return mins.map((_, i) => {
    let t = 0;
    while (mins[(i + t) % n] === 0xffffffff) t++;
    return (mins[(i + t) % n]! + t * offset) >>> 0;
  });
}

function wordsOf(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}

/** fingerprint(body), by definition. */
export function referenceFingerprint(body: string, hashes: number = FINGERPRINT_SETTINGS.hashes, shingleWords: number = FINGERPRINT_SETTINGS.shingleWords): { bodyHash: string; signature: string; shingles: number } {
  const normalised = normaliseBody(body);
  const shingles = shingleHashes(wordsOf(normalised), shingleWords);
  return { bodyHash: createHash('sha256').update(normalised).digest('hex'), signature: encodeSignature(oneHashOf(shingles, hashes)), shingles: shingles.length };
}
