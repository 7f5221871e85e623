import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { CleanRecord, Rejection } from '../src/schemas/index.js';
import type { CleanResult } from '../src/clean/types.js';
import { SEEDS } from './helpers/seeds.js';
import { random } from './helpers/random.js';

const OPTIONS = { processedAt: '2024-01-01T00:00:00Z', referenceDate: '2024-01-01' };
const seedBytes = SEEDS.map((seed) => readFileSync(seed.path));

/** clean() must return a valid record or a valid rejection value, never throw, never "failed". */
function expectWellFormed(bytes: Uint8Array, name: string, label: string): CleanResult {
  let result: CleanResult | undefined;
  expect(() => {
    result = clean({ bytes, name, receivedAt: '2024-01-01T00:00:00Z' }, OPTIONS);
  }, label).not.toThrow();
  if (result!.ok) expect(CleanRecord.safeParse(result!.record).success, label).toBe(true);
  else {
    expect(Rejection.safeParse(result).success, label).toBe(true);
    expect(result!.reason, `${label}: ${result!.ok ? '' : result!.detail}`).not.toBe('failed');
  }
  return result!;
}

describe('clean() on hostile bytes', () => {
  it('random byte strings of many lengths', () => {
    const next = random(42);
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(next() ** 3 * 20_000);
      const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      expectWellFormed(bytes, i % 2 ? 'x.html' : 'x.txt', `random #${i} (${length} bytes)`);
    }
  });

  it('seed files truncated at every 97th byte, also mid UTF-8 sequence', () => {
    for (const bytes of seedBytes) {
      for (let cut = 0; cut < bytes.length; cut += 97) expectWellFormed(bytes.subarray(0, cut), 'seed.txt', `cut at ${cut}`);
    }
  });

  it('seed files with random bytes flipped, and gzipped then truncated', () => {
    const next = random(7);
    for (const original of seedBytes) {
      for (let round = 0; round < 20; round++) {
        const bytes = Uint8Array.from(original);
        for (let k = 0; k < 10; k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        expectWellFormed(bytes, 'seed.txt', `flipped round ${round}`);
      }
      const gz = gzipSync(original);
      for (let cut = 0; cut < gz.length; cut += 53) expectWellFormed(gz.subarray(0, cut), 'seed.txt.gz', `gzip cut at ${cut}`);
    }
  });

  it('pathological text shapes: one huge line, only markers, only bullets, deep HTML-ish text', () => {
    const shapes = [
      'word '.repeat(200_000),
      'Comments\n\nRead more\n\nPopular posts from this blog\n'.repeat(500),
      '• bullet\n'.repeat(5_000),
      '<div>'.repeat(20_000) + 'text' + '</div>'.repeat(20_000),
      'KABUL: '.repeat(10_000),
      'a'.repeat(300_000),
      `${'x'.repeat(50)}\n`.repeat(20_000),
      '\u0000'.repeat(10),
      '\ufeff\ufeff\ufeff',
    ];
    for (const [i, text] of shapes.entries()) expectWellFormed(new TextEncoder().encode(text), 'shape.txt', `shape ${i}`);
  });

  it('stays fast on a 2 MB text dump (linear passes)', () => {
    const paragraph = 'The minister said on Friday that talks would continue next week in the capital, officials added. ';
    const text = Array.from({ length: 4_000 }, (_, i) => (i % 7 === 0 ? 'Menu item' : paragraph.repeat(5))).join('\n\n');
    const started = performance.now();
    const result = expectWellFormed(new TextEncoder().encode(text), 'big.txt', 'big dump');
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
