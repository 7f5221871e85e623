import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { computeStats, prunedStats, visibleChars, type NodeStats } from '../src/clean/html/node-stats.js';
import { limitNesting } from '../src/clean/page/nesting-guard.js';
import { collapseWhitespace, collapsedLength, wordRuns, wordsOf } from '../src/clean/page/text.js';
import { capTreeDepth } from '../src/clean/page/tree-depth.js';
import { prune } from '../src/clean/html/prune.js';
import { collectRuns, collectRunsWithin } from '../src/clean/html/collect-runs.js';
import { parsePage } from '../src/clean/page/parse-page.js';
import { goldenHtml } from './helpers/golden.js';

const MIN_PARAGRAPH = 25;

/** The figures of the tree without the `skip` subtrees, counted from scratch: what prunedStats must give. */
function countFromScratch(root: Element, skip: ReadonlyMap<Element, unknown>): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const visit = (el: Element, inLink: boolean): NodeStats => {
    const link = inLink || el.name === 'a';
    const own: NodeStats = { chars: 0, linkChars: 0, proseChars: 0, ownChars: 0 };
    for (const child of el.children) {
      if (child.type === 'text') own.ownChars += visibleChars(child.data);
      else if (child.type === 'tag' && !skip.has(child)) {
        const s = visit(child, link);
        own.chars += s.chars;
        own.linkChars += s.linkChars;
        own.proseChars += s.proseChars;
      }
    }
    own.chars += own.ownChars;
    if (link) own.linkChars += own.ownChars;
    if (el.name === 'p' && own.chars >= MIN_PARAGRAPH) own.proseChars = own.chars;
    stats.set(el, own);
    return own;
  };
  visit(root, false);
  return stats;
}

describe('prunedStats', () => {
  it('gives every element outside the pruned subtrees the figures of counting the pruned tree again, and pruned elements none', () => {
    for (const { slug: file, html } of goldenHtml()) {
      const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
      const body = $('body').get(0) as Element;
      const raw = computeStats(body, MIN_PARAGRAPH);
      expect(raw, file).toEqual(countFromScratch(body, new Map()));
      for (const mode of ['strict', 'relaxed'] as const) {
        const pruned = prune(body, raw, mode);
        expect(pruned.size, file).toBeGreaterThan(0);
        const lookup = prunedStats(body, MIN_PARAGRAPH, pruned, raw);
        for (const [el, expected] of countFromScratch(body, pruned)) expect(lookup.get(el), `${file} ${mode}`).toEqual(expected);
        for (const el of pruned.keys()) expect(lookup.get(el), `${file} ${mode}`).toBeUndefined();
      }
    }
  });
});

describe('collectRunsWithin', () => {
  it('gives for any elements of the body the runs collecting them again gives', () => {
    for (const { slug: file, html } of goldenHtml()) {
      const { index } = parsePage(html);
      const body = index.body!;
      const raw = computeStats(body, MIN_PARAGRAPH);
      for (const mode of ['strict', 'relaxed'] as const) {
        const pruned = prune(body, raw, mode);
        const bodyRuns = collectRuns([body], pruned);
        const elements = [body, ...Array.from(raw.keys()).filter((el) => !pruned.has(el))];
        for (const el of elements) expect(collectRunsWithin([el], body, bodyRuns, pruned), `${file} ${mode} ${el.name}`).toEqual(collectRuns([el], pruned));
        // Siblings in document order, as the article's containers are picked.
        const siblings = (body.children.filter((c) => c.type === 'tag') as Element[]).slice(0, 6);
        expect(collectRunsWithin(siblings, body, bodyRuns, pruned), file).toEqual(collectRuns(siblings, pruned));
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

describe('wordRuns and wordsOf', () => {
  it('give what the Unicode letter-and-digit regexes give, surrogate pairs and lone surrogates included', () => {
    const alphabet = ['a', 'Z', '7', ' ', '-', '.', 'ß', 'İ', 'é', '\u0301', '\u00a0', '٣', '中', '\u{1D400}', '\u{1F600}', '\u{20000}', '\ud800', '\udc00', '\u00ad', '\u200b'];
    let seed = 5;
    const next = () => (seed = (seed * 48271) % 2147483647) % alphabet.length;
    for (let i = 0; i < 20000; i++) {
      const s = Array.from({ length: i % 10 }, () => alphabet[next()]).join('');
      expect(wordRuns(s), JSON.stringify(s)).toBe(s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
      expect(wordsOf(s), JSON.stringify(s)).toEqual(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    }
  });
});

describe('collapsedLength', () => {
  it('is the length of the collapsed, trimmed text for every white space character a regex knows', () => {
    const spaces = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => /\s/.test(ch));
    const alphabet = ['a', 'é', '\u200b', '\u00ad', ...spaces];
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647) % alphabet.length;
    for (let i = 0; i < 20000; i++) {
      const s = Array.from({ length: i % 9 }, () => alphabet[next()]).join('');
      expect(collapsedLength(s), JSON.stringify(s)).toBe(collapseWhitespace(s).trim().length);
    }
  });
});

describe('capTreeDepth', () => {
  it('moves nodes deeper than the cap into their ancestor at the cap, in document order, text intact', () => {
    const $ = load(`<html><body>${'<div>'.repeat(40)}<p>one</p>two<span>three<b>four</b></span>${'</div>'.repeat(40)}<p>after</p></body></html>`);
    const root = $.root()[0]!;
    const before = $.root().text();
    const moved = capTreeDepth(root, 10);
    expect(moved).toBeGreaterThan(0);
    expect($.root().text()).toBe(before);
    // Below the cap nodes hold nothing (they were moved up), and parent/sibling links agree with the children lists.
    const walk = (node: AnyNode, depth: number): void => {
      if (!('children' in node)) return;
      if (node.children.length > 0) expect(depth).toBeLessThanOrEqual(10);
      (node.children as AnyNode[]).forEach((child, i, all) => {
        expect(child.parent).toBe(node);
        expect(child.prev).toBe(all[i - 1] ?? null);
        expect(child.next).toBe(all[i + 1] ?? null);
        walk(child, depth + 1);
      });
    };
    walk(root, 0);
    expect(capTreeDepth(root, 10)).toBe(0);
  });

  it('a page of thousands of unclosed boxes is read, not rejected as an internal failure', () => {
    const story = 'This is the story at the bottom of a page of unclosed boxes. '.repeat(12);
    const html = `<html><head><title>Deep page</title></head><body>${'<div class="box">'.repeat(8000)}<p>${story}</p><p>${story}</p></body></html>`;
    const result = clean({ bytes: Buffer.from(html), name: 'deep.html', receivedAt: '2026-11-30T00:00:00.000Z' }, { processedAt: '2026-11-30T00:00:00.000Z', maxBytes: 1 << 24 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.record.body).toContain('story at the bottom');
  });
});

describe('limitNesting', () => {
  it('leaves real pages as they are (the same string)', () => {
    for (const { slug: name, html } of goldenHtml()) {
      expect(limitNesting(html, 200) === html, name).toBe(true);
    }
  });

  it('drops the tags that open beyond the limit and the ones that close them, keeping all text', () => {
    const html = `<html><body>${'<div class="box">'.repeat(50)}<p>deep text</p>${'</div>'.repeat(50)}<p>after</p></body></html>`;
    const limited = limitNesting(html, 20);
    expect(limited.match(/<div/g)).toHaveLength(20 - 2);
    expect(limited.match(/<\/div>/g)).toHaveLength(20 - 2);
    expect(load(limited).root().text()).toBe(load(html).root().text());
  });

  it('a page of 100,000 nested boxes is cleaned, its text read', () => {
    const story = 'This is the story at the bottom of a very deep page of nested boxes. '.repeat(12);
    const html = `<html><head><title>Deeper page</title></head><body>${'<div class="box">'.repeat(100_000)}<p>${story}</p><p>${story}</p>${'</div>'.repeat(100_000)}</body></html>`;
    const result = clean({ bytes: Buffer.from(html), name: 'deeper.html', receivedAt: '2026-11-30T00:00:00.000Z' }, { processedAt: '2026-11-30T00:00:00.000Z', maxBytes: 1 << 24 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.record.body).toContain('a very deep page');
  });
});
