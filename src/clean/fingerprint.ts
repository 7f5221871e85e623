import { hash } from 'node:crypto';
import { LETTER_OR_DIGIT } from './char-class.js';
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
const NON_ASCII = /[^\x00-\x7f]/;

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

/*
 * The signature is one-permutation hashing (Li, Owen & Zhang 2012) with densification by rotation (Shrivastava
 * & Li 2014): each shingle is hashed once and lands in one of n bins, whose least value is
 * kept; an empty bin borrows the next filled bin to its right, offset by the distance. The same
 * estimator as n independent minimums (share of equal components) at 1/n of the hashing.
 */

/**
 * Keeps a shingle's value in its bin if it is the least so far. `shift` is log2 of the bin
 * count when that is a power of two (the settings' 128), else -1: a mask and a shift then
 * give the same bin and value as the remainder and the quotient, without a float division
 * (h is a uint32, above int32's range half the time).
 */
function bin(mins: Uint32Array, shingle: number, shift: number): void {
  const n = mins.length;
  const h = fmix32(shingle ^ 0x5bd1e995);
  const b = shift >= 0 ? h & (n - 1) : h % n;
  const value = shift >= 0 ? h >>> shift : Math.floor(h / n);
  if (value < mins[b]!) mins[b] = value;
}

/** Empty bins borrow the next filled bin to their right, offset by the distance. */
function densified(mins: Uint32Array): Uint32Array {
  const n = mins.length;
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

/** A signature's components as little-endian uint32 bytes (the record's base64, the stories index's member hash). */
export function signatureBytes(values: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeUInt32LE(values[i]!, i * 4);
  return bytes;
}

/** signatureBytes read back (a trailing partial component is ignored). */
export function signatureFromBytes(bytes: Buffer): Uint32Array {
  const values = new Uint32Array(bytes.length >>> 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}

export function encodeSignature(values: Uint32Array): string {
  return signatureBytes(values).toString('base64');
}

export function decodeSignature(signature: string): Uint32Array {
  return signatureFromBytes(Buffer.from(signature, 'base64'));
}

/** Share of equal components: the MinHash estimate of the two shingle sets' Jaccard similarity. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** Letters and digits: a lone surrogate is neither, as NOT_WORD (with /u) sees it; pairs are read as code points. */
const WORD_CHAR = LETTER_OR_DIGIT;
// ASCII is read from the table directly (scan), so it is filled first.
for (let c = 0; c < 0x80; c++) WORD_CHAR.unit(c);

/** Scratch space reused by every call (clean() is synchronous): the folded text's UTF-8 and its words' hashes. */
let utf8 = new Uint8Array(1 << 16);
let wordHashes = new Uint32Array(1 << 12);

/**
 * normaliseBody and the word hashes in one pass over the case-folded text, without building the
 * folded string or its words: the folded text's UTF-8 bytes go to `utf8` (what sha256 reads of
 * normaliseBody's string), each word's FNV-1a to `wordHashes`. Returns [bytes, words].
 */
function scan(lower: string): [number, number] {
  if (utf8.length < lower.length * 3 + 1) utf8 = new Uint8Array(lower.length * 3 + 1);
  const out = utf8;
  let n = 0;
  let words = 0;
  let inWord = false;
  let h = 0;
  // A text of L code units has at most L / 2 + 1 words.
  if (wordHashes.length < (lower.length >>> 1) + 1) wordHashes = new Uint32Array((lower.length >>> 1) + 1);
  const hashes = wordHashes;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    let pair = false;
    let word: boolean;
    if (c < 0x80) word = WORD_CHAR.units[c] === 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < lower.length) {
      const low = lower.charCodeAt(i + 1);
      pair = low >= 0xdc00 && low < 0xe000;
      word = pair ? WORD_CHAR.codePoint(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000) : false;
    } else word = WORD_CHAR.unit(c);
    if (!word) {
      if (inWord) {
        hashes[words++] = h >>> 0;
        inWord = false;
      }
      if (pair) i++;
      continue;
    }
    if (!inWord) {
      if (words > 0) out[n++] = 0x20;
      inWord = true;
      h = 0x811c9dc5;
    }
    if (pair) {
      const low = lower.charCodeAt(++i);
      const cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      h = Math.imul(Math.imul(h ^ c, 0x01000193) ^ low, 0x01000193);
      out[n++] = 0xf0 | (cp >>> 18);
      out[n++] = 0x80 | ((cp >>> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >>> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
      continue;
    }
    h = Math.imul(h ^ c, 0x01000193);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >>> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xe0 | (c >>> 12);
      out[n++] = 0x80 | ((c >>> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  if (inWord) hashes[words++] = h >>> 0;
  return [n, words];
}

function shingleAt(hashes: Uint32Array, from: number, to: number): number {
  let h = 0x2545f491;
  for (let j = from; j < to; j++) h = fmix32(h ^ hashes[j]!);
  return h;
}

/**
 * Open-addressing set of the shingles seen in one call: slot k is its key at 2k and its stamp at
 * 2k + 1 (one cache line for both), taken when the stamp is the call's.
 */
let seen = new Uint32Array(1 << 13);
let stamp = 0;

/** log2(n) when n is a power of two, else -1. */
function log2IfPowerOfTwo(n: number): number {
  return (n & (n - 1)) === 0 ? 31 - Math.clz32(n) : -1;
}

/**
 * The signature of the shingles of `size` consecutive words (the whole text when shorter) and
 * the count of distinct shingles, without sorting: a bin's least value does not care for
 * duplicates or order, so each shingle is binned as it comes and a set only counts the
 * distinct ones.
 */
function signatureOf(hashes: Uint32Array, words: number, size: number, n: number): { mins: Uint32Array; distinct: number } {
  const mins = new Uint32Array(Math.min(n, MAX_HASHES)).fill(0xffffffff);
  const shift = log2IfPowerOfTwo(mins.length);
  const count = words === 0 ? 0 : Math.max(1, words - size + 1);
  let slots = seen.length >>> 1;
  while (slots < count * 2) slots *= 2;
  if (slots * 2 !== seen.length) {
    seen = new Uint32Array(slots * 2);
    stamp = 0;
  }
  if (stamp === 0xffffffff) {
    seen.fill(0);
    stamp = 0;
  }
  stamp++;
  const table = seen;
  const mask = slots - 1;
  const wrap = slots * 2 - 1;
  let distinct = 0;
  for (let i = 0; i < count; i++) {
    const shingle = shingleAt(hashes, i, Math.min(i + size, words)) >>> 0;
    // Shingle hashes come out of fmix32: their low bits are already uniform.
    let slot = (shingle & mask) << 1;
    while (table[slot + 1] === stamp && table[slot] !== shingle) slot = (slot + 2) & wrap;
    if (table[slot + 1] === stamp) continue;
    table[slot + 1] = stamp;
    table[slot] = shingle;
    distinct++;
    bin(mins, shingle, shift);
  }
  return { mins: densified(mins), distinct };
}

/** normaliseBody's text (before its white space is folded): NFKC, which leaves ASCII as it is (the test is cheaper than the normaliser's own), then lower case. */
function folded(body: string): string {
  return (NON_ASCII.test(body) ? body.normalize('NFKC') : body).toLowerCase();
}

/**
 * sha256 of normaliseBody(body) and the MinHash of its word shingles, in one pass without
 * building the normalised string or its words: fingerprints were a quarter of clean()'s time
 * on text dumps, most of it the Unicode regex replace, splitting into word strings and
 * hashing them one by one. tests/helpers/fingerprint-reference.ts is the plain definition
 * that the tests hold this to.
 */
export function fingerprint(body: string): Fingerprint {
  const [bytes, words] = scan(folded(body));
  const { mins, distinct } = signatureOf(wordHashes, words, SHINGLE, HASHES);
  return {
    // The one-shot hash: no Hash object per call (2-3 µs less a body).
    bodyHash: hash('sha256', utf8.subarray(0, bytes), 'hex'),
    signature: encodeSignature(mins),
    shingles: distinct,
  };
}

/** fingerprint()'s signature with other sizes: `hashes` components over shingles of `shingleWords` words (the thresholds script compares sizes). */
export function bodySignature(body: string, hashes: number = HASHES, shingleWords: number = SHINGLE): Uint32Array {
  const [, words] = scan(folded(body));
  return signatureOf(wordHashes, words, shingleWords, hashes).mins;
}
