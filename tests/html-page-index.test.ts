import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { namesAuthor } from '../src/clean/page/author-element.js';
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
  ['jsonLd', 'script[type="application/ld+json"]', 'all'],
];

function expectSameAsSelectors(html: string): void {
  const $ = parse(html);
  const index = indexPage($.root()[0]);
  for (const [field, selector, which] of SELECTORS) {
    const matches = $(selector).toArray();
    expect(index[field], `${field}: ${selector}`).toEqual(which === 'all' ? matches : (matches[0] ?? null));
  }
  // What the metadata reader reads of the first <body>: its headings, and its other elements that name an author.
  const body = $('body').first();
  expect(index.bodyH1s, 'bodyH1s').toEqual(body.find('h1').toArray());
  expect(index.bodyH2s, 'bodyH2s').toEqual(body.find('h2').toArray());
  const authors = body.find('*').toArray().filter((el) => el.type === 'tag' && el.name !== 'h1' && el.name !== 'h2' && namesAuthor(el));
  expect(index.authorElements, 'authorElements').toEqual(authors);
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
    expectSameAsSelectors('<body><h2 class="author">Head</h2><div class="byline">By A</div><body><h1>Pasted</h1><span rel="author">B</span></body><h1>After</h1></body><p class="author">Out</p>');
    expectSameAsSelectors('');
    expectSameAsSelectors('<p>No head, no body tags</p>');
  });

  it('agrees with the selectors on the golden pages', () => {
    const pages = goldenHtml();
    expect(pages.length).toBeGreaterThan(0);
    for (const { html } of pages) expectSameAsSelectors(html);
  });
});
