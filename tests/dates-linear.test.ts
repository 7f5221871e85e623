import { afterEach, describe, expect, it, vi } from 'vitest';
import { clean } from '../src/clean/index.js';
import { dropOverlaps } from '../src/clean/dates/drop-overlaps.js';
import { findDates } from '../src/clean/dates/index.js';
import type { ParsedDate } from '../src/clean/dates/parsed-date.js';
import { TIME_REST } from '../src/clean/rules/dates-patterns.js';
import { letterCount } from '../src/clean/dates/timestamp-line.js';

/**
 * Work that grows with the square of one line's dates: 14.8 MB of date phrases on one line
 * took 105 s, and its job outlived its lock. These tests count operations, never time.
 */

/** The overlap rule as it was first written (each reading against every kept one): the spec. */
function dropOverlapsSpec(found: ParsedDate[]): ParsedDate[] {
  const ranked = [...found].sort((x, y) => y.matched.length - x.matched.length || y.confidence - x.confidence || x.index - y.index);
  const kept: ParsedDate[] = [];
  for (const d of ranked) {
    const end = d.index + d.matched.length;
    if (kept.every((k) => end <= k.index || d.index >= k.index + k.matched.length)) kept.push(d);
  }
  return kept.sort((x, y) => x.index - y.index);
}

/** A reproducible stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const reading = (index: number, length: number, confidence: number, tag = ''): ParsedDate => ({
  date: `2021-07-14${tag}`,
  matched: 'x'.repeat(length),
  index,
  kind: 'absolute',
  confidence,
});

describe('dropOverlaps', () => {
  it('keeps exactly what the pairwise rule keeps, in the same order', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const span = 5 + Math.floor(next() * 200);
      const count = Math.floor(next() * 40);
      // Lengths 0..12 and three confidence levels: ties on every key, zero-length readings too.
      const found = Array.from({ length: count }, (_, i) =>
        reading(Math.floor(next() * span), Math.floor(next() * 13), [0.5, 0.8, 0.8][Math.floor(next() * 3)]!, `#${i}`),
      );
      expect(dropOverlaps(found)).toEqual(dropOverlapsSpec(found));
    }
  });

  it('a zero-length reading is dropped only strictly inside a kept one', () => {
    const long = reading(10, 5, 1);
    expect(dropOverlaps([reading(10, 0, 1), long, reading(12, 0, 1), reading(15, 0, 1)]).map((d) => [d.index, d.matched.length])).toEqual([
      [10, 5],
      [10, 0],
      [15, 0],
    ]);
  });

  /** Reads of `index` and `matched` while resolving `n` readings shaped like a line of date phrases. */
  function readsFor(n: number): number {
    let reads = 0;
    const found: ParsedDate[] = [];
    for (let i = 0; i < n; i++) {
      // "Wednesday, July 14, 2021 ": a long reading and a shorter one inside it, 25 characters apart.
      for (const [offset, length] of [
        [0, 24],
        [11, 13],
      ] as const) {
        const d = reading(i * 25 + offset, length, 0.9);
        found.push({
          ...d,
          get index() {
            reads++;
            return d.index;
          },
          get matched() {
            reads++;
            return d.matched;
          },
        });
      }
    }
    expect(dropOverlaps(found)).toHaveLength(n);
    return reads;
  }

  it('does work in proportion to the readings: 4× the readings, at most 6× the reads (pairwise was 16×)', () => {
    const n = 2000;
    const growth = readsFor(4 * n) / readsFor(n);
    expect(growth).toBeLessThan(6);
  });
});

describe('dates on one long line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('findDates returns 200,000 relative dates of one line (a spread push overflowed the stack)', () => {
    const found = findDates('yesterday '.repeat(200_000), { referenceDate: '2021-07-20' });
    expect(found).toHaveLength(200_000);
    expect(found[0]).toMatchObject({ date: '2021-07-19', index: 0 });
  });

  it('the timestamp test reads each relative date in the time of its match, not of its line', () => {
    const text = `A title for a large dump\n\n${'Wednesday 14 July 2021, yesterday '.repeat(5000)}\n`;
    let scanned = 0;
    const test = TIME_REST.test.bind(TIME_REST);
    vi.spyOn(TIME_REST, 'test').mockImplementation((s: string) => {
      scanned += s.length;
      return test(s);
    });
    const result = clean({ bytes: Buffer.from(text), name: 'dates.txt', receivedAt: '2021-07-20T00:00:00Z' }, { processedAt: '2021-07-20T00:00:00Z', referenceDate: '2021-07-20' });
    expect(result.ok).toBe(true);
    // Rebuilding the line for each of its 5,000 "yesterday"s read 5,000 × 170,000 characters.
    expect(scanned).toBeLessThan(20 * text.length);
  });

  it('the letter bound admits the longest time words TIME_REST knows', () => {
    for (const stamp of ['a las 10:32 hrs', 'alle 10:32 uhr', 'à 10:32 h', 'at 10:32 p.m.']) {
      expect(TIME_REST.test(stamp)).toBe(true);
      expect(letterCount(stamp)).toBeLessThanOrEqual(7);
    }
  });
});
