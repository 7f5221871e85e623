import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, computeStats } from '../src/clean/html/dom.js';
import { prune } from '../src/clean/html/prune.js';

const MIN_PARAGRAPH = 25;

describe('computeStats on a pruned tree', () => {
  it('gives the same figures with the unpruned figures to reuse as when counting every text node again', () => {
    const dir = join(import.meta.dirname, 'fixtures/html');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html.gz'))) {
      const $ = load(gunzipSync(readFileSync(join(dir, file))).toString('utf8'), { xml: { xmlMode: false, decodeEntities: true } });
      const body = $('body').get(0) as Element;
      const raw = computeStats(body, MIN_PARAGRAPH, null);
      for (const mode of ['strict', 'relaxed'] as const) {
        const pruned = prune(body, raw, mode);
        expect(pruned.size, file).toBeGreaterThan(0);
        expect(computeStats(body, MIN_PARAGRAPH, pruned, raw), `${file} ${mode}`).toEqual(computeStats(body, MIN_PARAGRAPH, pruned));
      }
    }
  });
});

describe('collapseWhitespace', () => {
  it('gives what replacing every \\s+ run by a space gives', () => {
    const alphabet = ['a', 'b', ' ', ' ', '\n', '\t', '\r', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) % alphabet.length;
    for (let i = 0; i < 5000; i++) {
      const s = Array.from({ length: i % 12 }, () => alphabet[next()]).join('');
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' '));
    }
  });
});
