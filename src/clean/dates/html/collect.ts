import type { AnyNode, Element } from 'domhandler';
import { DATE_ELEMENT_TOKENS } from '../../rules/dates-html.js';
import { isElement, isExcludedElement } from './dom.js';

/** Everything the HTML date sources need, gathered in one walk over the document. */
export interface DateElement {
  el: Element;
  /** Document order of the element (for "near the title" and first-wins rules). */
  order: number;
  /** Inside <article>, [itemprop=articleBody] or <main>. */
  inArticle: boolean;
  /** Inside a comment/related/sidebar/footer region (see rules/dates-html.ts). */
  excluded: boolean;
}

export interface TokenElement extends DateElement {
  /** Index into DATE_ELEMENT_TOKENS of the most specific token matched. */
  tier: number;
}

export interface PageScan {
  metas: Element[];
  jsonLd: string[];
  scripts: string[];
  times: DateElement[];
  itemprops: DateElement[];
  abbrs: DateElement[];
  tokenElements: TokenElement[];
  h1: DateElement | null;
  body: Element | null;
  lang: string | null;
  canonical: string | null;
}

const TIER_RES = DATE_ELEMENT_TOKENS.map((t) => new RegExp(t.pattern, 'i'));
const ARTICLE_ITEMPROPS = /articlebody|blogpost|newsarticle/i;
const DATE_ITEMPROP = /^(?:datepublished|datecreated|datemodified|dateupdated|pubdate|uploaddate|startdate)$/i;
/** Elements deeper than this are not descended into (defends against pathological nesting). */
const MAX_DEPTH = 200;
/** Enough for the date elements of any real page; bounds the work on huge pages. */
const MAX_TOKEN_ELEMENTS = 200;

function tierOf(el: Element): number {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return -1;
  const names = `${cls ?? ''} ${id ?? ''}`;
  for (let i = 0; i < TIER_RES.length; i++) if (TIER_RES[i]!.test(names)) return i;
  return -1;
}

export function scanPage(roots: readonly AnyNode[]): PageScan {
  const scan: PageScan = {
    metas: [], jsonLd: [], scripts: [], times: [], itemprops: [], abbrs: [], tokenElements: [],
    h1: null, body: null, lang: null, canonical: null,
  };
  let order = 0;
  const walk = (node: AnyNode, depth: number, inArticle: boolean, excluded: boolean): void => {
    if (!isElement(node) || depth > MAX_DEPTH) return;
    const el = node;
    const name = el.name;
    order++;
    if (name === 'script') {
      const type = (el.attribs.type ?? '').toLowerCase();
      const text = el.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
      if (type.includes('ld+json')) scan.jsonLd.push(text);
      else if (!type || type.includes('javascript') || type.includes('json')) scan.scripts.push(text);
      return;
    }
    if (name === 'style') return;
    if (name === 'html' && el.attribs.lang) scan.lang = el.attribs.lang;
    if (name === 'body') scan.body = el;
    if (name === 'meta') scan.metas.push(el);
    if (name === 'link' && !scan.canonical && (el.attribs.rel ?? '').toLowerCase() === 'canonical' && el.attribs.href) {
      scan.canonical = el.attribs.href;
    }
    const nowExcluded = excluded || (name !== 'body' && name !== 'html' && isExcludedElement(el));
    const itemprop = el.attribs.itemprop;
    const nowInArticle = inArticle || name === 'article' || name === 'main' || (itemprop !== undefined && ARTICLE_ITEMPROPS.test(itemprop));
    const entry = { el, order, inArticle: nowInArticle, excluded: nowExcluded };
    if (name === 'time') scan.times.push(entry);
    else if (name === 'abbr') scan.abbrs.push(entry);
    if (itemprop && name !== 'meta' && DATE_ITEMPROP.test(itemprop)) scan.itemprops.push(entry);
    if (name === 'h1' && !scan.h1 && !nowExcluded) scan.h1 = entry;
    if (scan.tokenElements.length < MAX_TOKEN_ELEMENTS && name !== 'html' && name !== 'body') {
      const tier = tierOf(el);
      if (tier >= 0) scan.tokenElements.push({ ...entry, tier });
    }
    for (const child of el.children) walk(child, depth + 1, nowInArticle, nowExcluded);
  };
  for (const root of roots) {
    if (isElement(root)) walk(root, 0, false, false);
    else if (root.type === 'root') for (const child of root.children) walk(child, 0, false, false);
  }
  return scan;
}
