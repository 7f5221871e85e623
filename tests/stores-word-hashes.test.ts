import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHashes, encodeHashes, queryWordHashes, wordHashesOf } from '../src/stores/output-query.js';

/**
 * wordHashesOf reads a text in one pass instead of matching searchWords' regex and hashing each
 * word: a search hashes its words with queryWordHashes (the regex), so the two must agree on
 * every text or a record would stop matching its own words.
 */
const viaSearchWords = (text: string): Uint32Array => Uint32Array.from(new Set(queryWordHashes(text))).sort();

/** Every text file under a folder (the golden pages and fixtures: real prose in many scripts). */
function textsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textsUnder(path);
    return /\.(txt|html?|json)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** A deterministic pseudo-random text over units that sit on every edge of the word rule. */
function randomText(seed: number, length: number): string {
  const pieces = [
    'a', 'Z', '0', '9', ' ', '-', "'", '_', '.', '\n', 'é', 'É', 'ß', 'İ', 'Σ', 'ς', 'ﬁ', '\u0301', '\u200d', '\u00a0',
    '٣', '²', 'Ⅻ', '中', 'ア', 'ㄱ', 'ا', 'א', '\ud835\udc00', '\ud840\udc00', '😀', '\ud800', '\udc00', '\ud835', 'x\udc00', '\u{1f1eb}\u{1f1f7}',
  ];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += pieces[state % pieces.length];
  }
  return text;
}

describe('wordHashesOf', () => {
  it('gives the hashes of searchWords on edge cases of case, marks, digits, surrogates', () => {
    const cases = [
      '', ' ', 'One', 'one ONE One', 'İstanbul İSTANBUL', 'ΟΔΟΣ ὁδός', 'café cafe\u0301', 'ﬁnance',
      'x²+y² 3½ ٣٤ Ⅻ', 'emoji😀split', '𝐀𝐁𝐂 abc', '𠀀𠀁 中文', 'lone\ud800high lone\udc00low end\ud835',
      'tail-word', 'naïve—dash_under score', 'a'.repeat(5_000),
    ];
    for (const text of cases) expect([...wordHashesOf(text)], JSON.stringify(text)).toEqual([...viaSearchWords(text)]);
  });

  it('gives the hashes of searchWords on random texts of edge units', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const text = randomText(seed, 1 + (seed % 97) * 3);
      expect([...wordHashesOf(text)], JSON.stringify(text)).toEqual([...viaSearchWords(text)]);
    }
  });

  it('gives the hashes of searchWords on the golden pages and fixtures', () => {
    const texts = [...textsUnder(join(import.meta.dirname, 'golden')), ...textsUnder(join(import.meta.dirname, 'fixtures'))];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) expect([...wordHashesOf(text)]).toEqual([...viaSearchWords(text)]);
  });
});

describe('encodeHashes', () => {
  it('writes each hash as 4 little-endian bytes, also for a view into a larger array', () => {
    const all = Uint32Array.from([0xdeadbeef, 1, 0x01020304, 0xffffffff, 7]);
    const view = all.subarray(1, 4);
    expect(Buffer.from(encodeHashes(view), 'base64')).toEqual(Buffer.from([1, 0, 0, 0, 4, 3, 2, 1, 0xff, 0xff, 0xff, 0xff]));
    expect([...decodeHashes(encodeHashes(view))!]).toEqual([1, 0x01020304, 0xffffffff]);
    expect(encodeHashes(new Uint32Array(0))).toBe('');
  });
});
