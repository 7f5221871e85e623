import type { AnyNode, Element, ParentNode } from 'domhandler';

/**
 * The elements the page-level readers look up (metadata, JSON-LD, the page URL, <body>),
 * found in one walk instead of one cheerio selector query each: every query walked the
 * whole tree (a tenth of clean()'s time on the scrapinghub pages went to eight of them).
 * Each field matches exactly what the selector in its note selected — css-select in HTML
 * mode compares `rel` and `type` case-insensitively, other attribute values and class
 * names as written — first in document order.
 */
export interface PageIndex {
  /** `html`: the first <html>. */
  html: Element | null;
  /** `body`: the first <body>. */
  body: Element | null;
  /** `title`: the first <title>. */
  title: Element | null;
  /** `h1`: the first <h1>. */
  h1: Element | null;
  /** `meta`: every <meta>. */
  metas: Element[];
  /** `link[rel="canonical"]`: the first. */
  canonical: Element | null;
  /** `meta[property="og:url"], meta[name="og:url"]`: the first. */
  ogUrl: Element | null;
  /** `[rel="author"], [itemprop="author"], .byline, .author`: the first. */
  author: Element | null;
  /** `script[type="application/ld+json"]`: every one. */
  jsonLd: Element[];
  /** Levels of elements below the root at the deepest point (html = 1). */
  depth: number;
}

const AUTHOR_CLASS = /(?:^|\s)(?:byline|author)(?:$|\s)/;
const LD_JSON = 'application/ld+json';

/** Element nodes as css-select sees them: htmlparser2 types <script> and <style> apart from other tags. */
const isElement = (node: AnyNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

const equalsIgnoringCase = (value: string | undefined, lower: string): boolean => value !== undefined && value.length === lower.length && value.toLowerCase() === lower;

function isAuthorElement(el: Element): boolean {
  const a = el.attribs;
  const cls = a.class;
  // includes() first: the regex would be tried on every class of a page that has no author element.
  return equalsIgnoringCase(a.rel, 'author') || a.itemprop === 'author' || (cls !== undefined && (cls.includes('author') || cls.includes('byline')) && AUTHOR_CLASS.test(cls));
}

function visit(el: Element, index: PageIndex): void {
  switch (el.name) {
    case 'html':
      index.html ??= el;
      break;
    case 'body':
      index.body ??= el;
      break;
    case 'title':
      index.title ??= el;
      break;
    case 'h1':
      index.h1 ??= el;
      break;
    case 'meta': {
      index.metas.push(el);
      const a = el.attribs;
      if (!index.ogUrl && (a.property === 'og:url' || a.name === 'og:url')) index.ogUrl = el;
      break;
    }
    case 'link':
      if (!index.canonical && equalsIgnoringCase(el.attribs.rel, 'canonical')) index.canonical = el;
      break;
    case 'script':
      if (equalsIgnoringCase(el.attribs.type, LD_JSON)) index.jsonLd.push(el);
      break;
  }
  if (!index.author && isAuthorElement(el)) index.author = el;
}

/** One depth-first walk in document order, with an explicit stack (no depth limit, as the selector queries had none). */
export function indexPage(root: ParentNode | undefined): PageIndex {
  const index: PageIndex = { html: null, body: null, title: null, h1: null, metas: [], canonical: null, ogUrl: null, author: null, jsonLd: [], depth: 0 };
  if (!root) return index;
  const lists: AnyNode[][] = [root.children];
  const positions: number[] = [0];
  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top]!;
    const i = positions[top]!;
    if (i >= list.length) {
      lists.pop();
      positions.pop();
      continue;
    }
    positions[top] = i + 1;
    const node = list[i]!;
    // Only elements hold nodes here: htmlparser2 makes CDATA sections comments in HTML mode.
    if (!isElement(node)) continue;
    visit(node, index);
    if (lists.length > index.depth) index.depth = lists.length;
    if (node.children.length > 0) {
      lists.push(node.children);
      positions.push(0);
    }
  }
  return index;
}
