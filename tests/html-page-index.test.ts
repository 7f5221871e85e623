import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { indexPage, type PageIndex } from '../src/clean/page/page-index.js';
import { goldenHtml } from './helpers/golden.js';

const parse = (html: string) => load(html, { xml: { xmlMode: false, decodeEntities: true } });

/** The selector each field of the index stands for, and whether it keeps every match or the first. */
const SELECTORS: ReadonlyArray<[keyof PageIndex, string, 'all' | 'first']> = [
  ['html', 'html', 'first'],
  ['body', 'body', 'first'],
  ['title', 'title', 'first'],
  ['h1', 'h1', 'first'],
  ['metas', 'meta', 'all'],
  ['canonical', 'link[rel="canonical"]', 'first'],
  ['ogUrl', 'meta[property="og:url"], meta[name="og:url"]', 'first'],
  ['author', '[rel="author"], [itemprop="author"], .byline, .author', 'first'],
  ['jsonLd', 'script[type="application/ld+json"]', 'all'],
];

function expectSameAsSelectors(html: string): void {
  const $ = parse(html);
  const index = indexPage($.root()[0]);
  for (const [field, selector, which] of SELECTORS) {
    const matches = $(selector).toArray();
    expect(index[field], `${field}: ${selector}`).toEqual(which === 'all' ? matches : (matches[0] ?? null));
  }
}

describe('indexPage: one walk finds what the selector queries found', () => {
  it('compares rel and type without case, other attribute values and class names as written', () => {
    expectSameAsSelectors(`<html lang="de"><head>
      <link rel="stylesheet" href="/a.css"><link rel="CANONICAL" href="https://e.com/a"><link rel="canonical" href="https://e.com/b">
      <meta name="OG:URL" content="https://e.com/wrong"><meta name="og:url" content="https://e.com/c"><meta property="og:url" content="https://e.com/d">
      <script type="Application/LD+JSON">{"@type":"NewsArticle"}</script><script type="application/ld+json; charset=utf-8">{}</script>
      <title>T</title></head>
      <body><div class="Author">no</div><p class="bylines">no</p><span itemprop="Author">no</span>
      <h1>Headline</h1><h1>Second</h1><a rel="Author" href="/jane">Jane</a><div class="byline">By Joe</div>
      <script type="application/ld+json">{"author":"x"}</script></body></html>`);
  });

  it('finds the first match in document order, in nested and unclosed markup', () => {
    expectSameAsSelectors('<div><section><p class="x author y">First<div itemprop="author">Second</div></section></div><html><body><h1>Late</h1>');
    expectSameAsSelectors('');
    expectSameAsSelectors('<p>No head, no body tags</p>');
  });

  it('agrees with the selectors on the golden pages', () => {
    const pages = goldenHtml();
    expect(pages.length).toBeGreaterThan(0);
    for (const { html } of pages) expectSameAsSelectors(html);
  });
});
