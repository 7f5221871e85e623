import { createHash } from 'node:crypto';
import { FINGERPRINT_SETTINGS } from './rules/fingerprint-settings.js';

/**
 * A body's fingerprint: an exact hash of its normalised text (the same words in any case,
 * punctuation and spacing) and a MinHash signature of its word shingles (one-permutation
 * hashing), whose share of equal components estimates the Jaccard similarity of two bodies'
 * shingle sets. Pure and
 * deterministic: the stories index (src/stories/) bands the signature to find candidates.
 */
export interface Fingerprint {
  /** sha256 hex of the normalised body. */
  bodyHash: string;
  /** MinHash signature: FINGERPRINT_SETTINGS.hashes little-endian uint32 values, base64. */
  signature: string;
  /** Distinct shingles of the body. */
  shingles: number;
}

const { hashes: HASHES, shingleWords: SHINGLE } = FINGERPRINT_SETTINGS;
/** Most components a signature may have (the threshold script tries several sizes). */
const MAX_HASHES = 256;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Case, punctuation, accents' compatibility forms and white space folded: one space between words. */
export function normaliseBody(body: string): string {
  return body.normalize('NFKC').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/** murmur3's finaliser: a cheap 32-bit mix with full avalanche. */
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
export function shingleHashes(words: readonly string[], size: number): Uint32Array {
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = wordHash(words[i]!);
  const count = words.length === 0 ? 0 : Math.max(1, words.length - size + 1);
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x2545f491;
    for (let j = i; j < Math.min(i + size, wordHashes.length); j++) h = fmix32(h ^ wordHashes[j]!);
    all[i] = h;
  }
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i]!;
  return all.subarray(0, unique);
}

/** The signature of a normalised body (see oneHashOf). */
export function minHash(normalised: string, hashes: number = HASHES, shingleWords: number = SHINGLE): Uint32Array {
  return oneHashOf(shingleHashes(normalised === '' ? [] : normalised.split(' '), shingleWords), hashes);
}

/**
 * One-permutation hashing (Li, Owen & Zhang 2012) with densification by rotation (Shrivastava
 * & Li 2014): each shingle is hashed once and lands in one of n bins, whose least value is
 * kept; an empty bin borrows the next filled bin to its right, offset by the distance. The same
 * estimator as n independent minimums (share of equal components) at 1/n of the hashing.
 */
export function oneHashOf(shingles: Uint32Array, hashes: number): Uint32Array {
  const n = Math.min(hashes, MAX_HASHES);
  const mins = new Uint32Array(n).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = fmix32(shingle ^ 0x5bd1e995);
    const bin = h % n;
    const value = Math.floor(h / n);
    if (value < mins[bin]!) mins[bin] = value;
  }
  const filled = mins.findIndex((v) => v !== 0xffffffff);
  if (filled < 0) return mins;
  const out = new Uint32Array(n);
  // Values are below 2^32 / n: a borrowed one plus distance × that bound never collides with a real one.
  const offset = Math.floor(0x100000000 / n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    while (mins[(i + t) % n] === 0xffffffff) t++;
    out[i] = (mins[(i + t) % n]! + t * offset) >>> 0;
  }
  return out;
}

export function encodeSignature(values: Uint32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => bytes.writeUInt32LE(v, i * 4));
  return bytes.toString('base64');
}

export function decodeSignature(signature: string): Uint32Array {
  const bytes = Buffer.from(signature, 'base64');
  const values = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}

/** Share of equal components: the MinHash estimate of the two shingle sets' Jaccard similarity. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

export function fingerprint(body: string): Fingerprint {
  const normalised = normaliseBody(body);
  const shingles = shingleHashes(normalised === '' ? [] : normalised.split(' '), SHINGLE);
  return {
    bodyHash: createHash('sha256').update(normalised).digest('hex'),
    signature: encodeSignature(oneHashOf(shingles, HASHES)),
    shingles: shingles.length,
  };
}
