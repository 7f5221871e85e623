import type * as Dom from 'domhandler';
import type { AnyNode } from 'domhandler';
import { parseDocument as stockParse } from 'htmlparser2';
import { describe, expect, it, vi } from 'vitest';
import { clean } from '../src/clean/index.js';
import { isAscii, KnownNames } from '../src/clean/page/known-names.js';
import { parseDocument, READ_ATTRIBUTES } from '../src/clean/page/page-parser.js';
import { domShape } from './helpers/dom-shape.js';
import { goldenPages } from './helpers/golden.js';
import { random } from './helpers/random.js';

/**
 * The attribute names the readers ask for while clean() runs: DomHandler, as the page parser
 * imports it, hands each element a proxy of its attributes that notes every name read
 * (`attribs.X`, `'X' in attribs`).
 */
const asked = vi.hoisted(() => new Set<string>());
vi.mock('domhandler', async (original) => {
  const dom = await original<typeof Dom>();
  const note: ProxyHandler<Record<string, string>> = {
    get(target, key, receiver) {
      if (typeof key === 'string') asked.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') asked.add(key);
      return Reflect.has(target, key);
    },
  };
  class NotingHandler extends dom.DomHandler {
    override onopentag(name: string, attribs: Record<string, string>): void {
      super.onopentag(name, new Proxy(attribs, note));
    }
  }
  return { ...dom, DomHandler: NotingHandler };
});

/** htmlparser2's own tree of the page, with only READ_ATTRIBUTES left on its elements. */
function expectedTree(html: string): string {
  const root = stockParse(html, { decodeEntities: true });
  const strip = (node: AnyNode) => {
    const n = node as AnyNode & { attribs?: Record<string, string>; children?: AnyNode[] };
    if (n.attribs) for (const key of Object.keys(n.attribs)) if (!READ_ATTRIBUTES.has(key)) delete n.attribs[key];
    n.children?.forEach(strip);
  };
  strip(root);
  return JSON.stringify(domShape(root));
}

/** Does every node link to its parent and neighbours as its parent's children list says? */
function linked(node: AnyNode): boolean {
  const children = (node as AnyNode & { children?: AnyNode[] }).children ?? [];
  return children.every((c, i) => c.parent === node && c.prev === (children[i - 1] ?? null) && c.next === (children[i + 1] ?? null) && linked(c));
}

function expectSameTree(html: string): void {
  const root = parseDocument(html);
  expect(JSON.stringify(domShape(root)), JSON.stringify(html.slice(0, 80))).toBe(expectedTree(html));
  expect(linked(root)).toBe(true);
}

const PIECES = [
  '<', '>', '&', '"', "'", '=', '/', ' ', 'a', '&amp;', '&#39;', '&nbsp', '<p>', '</p>', 'text',
  '<div class="a&amp;b" style="x" data-x="&lt;">', "<a href='x&y' onclick='go()'>", '<a title=x&amp;y srcset=a&amp;b>',
  '<time datetime="2020-01-02" pubdate>', '<meta property="og:url" content="u" CONTENT="v">', '<img src="a" alt="b">',
  '<p ID="one" id="two" Class=c>', '<DIV CLASS="x" Data-TestId="t">', '</DiV>', '<SPAN Title="t" \u0130D="x" \u212Aind="k" \u017Ftyle="s">', '</SPAN>',
  '<custom-element Foo="1" itemProp="p">', '</custom-element>', '<H2 Hidden>', '</h3>', '<tbody><TR><Td>', '<PATH D="M0"/>', '<svg><path d="M0 0"/></svg>', '<script type="application/ld+json">{}</script>',
];

describe('KnownNames: a name matched in place', () => {
  const names = new KnownNames(['div', 'data-testid', 'h2', 'a']);
  it('finds a known name in any ASCII case, inside a longer text, as the one shared string', () => {
    const text = '<DiV class><Data-TestID><h2><A>';
    expect(names.at(text, 1, 4)).toBe('div');
    expect(names.at(text, 12, 23)).toBe('data-testid');
    expect(names.at(text, 25, 27)).toBe('h2');
    expect(names.at(text, 29, 30)).toBe('a');
  });
  it('finds nothing for other names, prefixes, empty spans and letters only toLowerCase folds', () => {
    for (const [text, start, end] of [['dix', 0, 3], ['di', 0, 2], ['divs', 0, 4], ['div', 1, 1], ['h3', 0, 2], ['\u212Ab', 0, 2], ['DIV', 0, 3]] as const) {
      expect(names.at(text, start, end), text).toBe(text === 'DIV' ? 'div' : null);
    }
    expect(isAscii('data-x', 0, 6)).toBe(true);
    expect(isAscii('\u0130d', 0, 2)).toBe(false);
  });
  it('takes only lower-case ASCII names', () => {
    expect(() => new KnownNames(['Div'])).toThrow();
  });
});

describe('page parser: htmlparser2’s tree with only the attributes some reader reads', () => {
  it('keeps the read attributes as htmlparser2 does (lower-cased, entity-decoded, first of a name wins) and drops the rest', () => {
    const root = parseDocument('<p CLASS="a &amp; b" class="second" style="display:none" data-x="1" onclick="x()" pubdate>t</p>');
    const p = root.children[0] as AnyNode & { attribs: Record<string, string> };
    expect({ ...p.attribs }).toEqual({ class: 'a & b', style: 'display:none', pubdate: '' });
  });

  it('builds the same tree as htmlparser2 otherwise, on random markup and the golden pages', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const parts: string[] = [];
      for (let i = 1 + Math.floor(next() * 60); i > 0; i--) parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
      expectSameTree(parts.join(''));
    }
    const pages = goldenPages().filter((page) => page.format === 'html');
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expectSameTree(page.text);
  });

  it('stores every attribute a reader asks for while cleaning the golden pages', () => {
    asked.clear();
    for (const page of goldenPages().filter((p) => p.format === 'html')) {
      clean({ bytes: page.bytes, name: page.expected.name, receivedAt: '2026-11-30T00:00:00.000Z', url: page.expected.url }, { processedAt: '2026-11-30T00:00:00.000Z' });
    }
    // Names the readers read on nearly every page: the proxy saw the walks.
    for (const name of ['class', 'id', 'itemprop', 'content', 'pubdate']) expect(asked).toContain(name);
    expect([...asked].filter((name) => !READ_ATTRIBUTES.has(name))).toEqual([]);
  });
});
