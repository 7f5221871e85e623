import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { FastTokenizer } from '../src/clean/page/fast-tokenizer.js';
import { domShape } from './helpers/dom-shape.js';
import { goldenHtml } from './helpers/golden.js';
import { random } from './helpers/random.js';

function expectSameTree(html: string): void {
  for (const decodeEntities of [true, false]) {
    const options = { decodeEntities, withStartIndices: true, withEndIndices: true };
    const stock = JSON.stringify(domShape(parseDocument(html, options), { spans: true }));
    const fast = JSON.stringify(domShape(parseDocument(html, { ...options, Tokenizer: FastTokenizer }), { spans: true }));
    expect(fast, `decodeEntities ${decodeEntities}: ${JSON.stringify(html.slice(0, 80))}`).toBe(stock);
  }
}

/** Pieces the tokenizer's states turn on, glued at random. */
const PIECES = [
  '<', '>', '&', '"', "'", '=', '/', ' ', '\n', 'a', 'x', ';', '-', '!', '[', ']', '#', '?',
  '&amp;', '&amp', '&lt;', '&#39;', '&#x41;', '&#', '&nbsp', '&notin;', '&unknown;', '</', '<!--', '-->', '--->', '<![CDATA[', ']]>',
  '<p>', '</p>', '<div class="a&amp;b">', "<a href='x&y'>", '<a title=x&amp;y>', '<script>', '</script>', '</SCRIPT >', '<style>', '</style>',
  '<title>', '</title>', '<textarea>', '</textarea>', '<svg>', '</svg>', '<br/>', '<img src="a">', 'text', 'Ünïcödé', '😀',
];

describe('FastTokenizer: the same tree as htmlparser2’s own tokenizer', () => {
  it('on markup that exercises each skipped state', () => {
    const cases = [
      '',
      'plain text with no markup',
      'text & more &amp; &AMP; &#169; &#xA9; &copy &unknown; & at the end &',
      '<p title="a &amp; b" data-x=\'c & d\' data-y=e&amp;f data-z="">x &lt; y</p>',
      '<p title="unterminated & value',
      '<p>text at the end of the buffer',
      '<p>ends with an ampersand &',
      '<script>if (a < b && c) { x = "</scr" + "ipt>"; }</script><p>after</p>',
      '<script><</script><style>a > b { }</STYLE ><script>never closed',
      '<!-- a -- b --> <!----> <!---> <!-- x --->y<!-- unterminated',
      '<![CDATA[ x ]] ]]> <title>A &amp; B &lt; C</title><textarea>a &amp; <b></textarea>',
      '<svg><path d="M0 0 L 1 1"/><title>t &amp; u</title></svg><math><mi>x</mi></math>',
      '<a href="?a=1&b=2&amp;c=3&#38;d">link &nbsp;text</a>&&&;&#;&#x;',
      '<div\nclass="a"\tid=\'b\'>x</div><br/><img src=x alt="&quot;q&quot;">',
    ];
    for (const html of cases) expectSameTree(html);
  });

  it('on random markup', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const parts: string[] = [];
      const count = 1 + Math.floor(next() * 80);
      for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
      expectSameTree(parts.join(''));
    }
  });

  it('on the golden pages', () => {
    const pages = goldenHtml();
    expect(pages.length).toBeGreaterThan(0);
    for (const { html } of pages) expectSameTree(html);
  });
});
