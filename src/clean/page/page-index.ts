import type { AnyNode, Element, ParentNode } from 'domhandler';
import { DATE_ITEMPROP } from '../rules/dates-html.js';
import { HTML_SCAN_LIMITS } from '../rules/dates-weights.js';
import { ARTICLE_ITEMPROP, EXCLUDED_REGION_TAGS, MAIN_CONTENT_ITEMPROP, MAIN_CONTENT_TAGS } from '../rules/page-regions.js';
import { namesAuthor } from './author-element.js';
import { isElement } from './node.js';
import { NO_NAMES, NameReader } from './regions.js';

/** Where an element sits on the page, by the region rules (see rules/page-regions.ts). */
export interface Placement {
  el: Element;
  /** Document order of the element (for "near the title" and first-wins rules). */
  order: number;
  /** Inside <article>, <main> or an article itemprop (ARTICLE_ITEMPROP). */
  inArticle: boolean;
  /** Inside an excluded region (comments, related lists, footers…) that does not hold the main content. */
  excluded: boolean;
  /** Inside a soft-excluded region (a "sidebar" or "teaser" that may be the article). */
  soft: boolean;
}

export interface DateElementPlacement extends Placement {
  /** Index into DATE_ELEMENT_TOKENS of the most specific token its class/id matched. */
  tier: number;
}

/**
 * Everything the page-level readers look up, found in one walk over the parsed page
 * instead of one cheerio selector query or one walk of their own each (every query walked
 * the whole tree). The first fields match exactly what the selector in their note selected
 * — css-select in HTML mode compares `rel` and `type` case-insensitively, other attribute
 * values and class names as written — first in document order. Where the date reader has
 * always read a thing its own way, it has its own field (lastBody, lastLang, canonicalHref).
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
  /** `script[type="application/ld+json"]`: every one. */
  jsonLd: Element[];
  /** <h1> and <h2> elements inside the first <body>, each in document order (the title reader's headings). */
  bodyH1s: Element[];
  bodyH2s: Element[];
  /** Elements other than <h1>/<h2> inside the first <body> whose attributes name an author (namesAuthor), in document order. */
  authorElements: Element[];
  /** Levels of elements below the root at the deepest point (html = 1). */
  depth: number;
  /** Every <script>, whatever its type. */
  scripts: Element[];
  /** The last <body> (a page with two has the date reader read the later one). */
  lastBody: Element | null;
  /** lang= of the last <html> that has one. */
  lastLang: string | null;
  /** href of the first <link rel=canonical> that has one. */
  canonicalHref: string | null;
  /** The first <h1>, placed; null when it is in an excluded region. */
  h1Placement: Placement | null;
  times: Placement[];
  abbrs: Placement[];
  /** Elements other than <meta> with a date itemprop (DATE_ITEMPROP). */
  itemprops: Placement[];
  /** <meta> elements after the <body> opened (microdata of some item). */
  bodyMetas: Placement[];
  /** Elements whose class/id names a date (DATE_ELEMENT_TOKENS), the first HTML_SCAN_LIMITS.maxTokenElements. */
  dateElements: DateElementPlacement[];
  /** Excluded regions that do not hold the main content: text scans skip them. */
  excludedRegions: ReadonlySet<Element>;
  /** The comment sections among them. */
  commentRegions: ReadonlySet<Element>;
}

const LD_JSON = 'application/ld+json';
const MAIN_TAGS = new Set(MAIN_CONTENT_TAGS);
const EXCLUDED_TAGS = new Set(EXCLUDED_REGION_TAGS);

const equalsIgnoringCase = (value: string | undefined, lower: string): boolean => value !== undefined && value.length === lower.length && value.toLowerCase() === lower;

/** The selector-like lookups of one element. */
function lookUp(el: Element, index: PageIndex): void {
  const a = el.attribs;
  switch (el.name) {
    case 'html':
      index.html ??= el;
      if (a.lang) index.lastLang = a.lang;
      break;
    case 'body':
      index.body ??= el;
      index.lastBody = el;
      break;
    case 'title':
      index.title ??= el;
      break;
    case 'h1':
      index.h1 ??= el;
      break;
    case 'meta':
      index.metas.push(el);
      if (!index.ogUrl && (a.property === 'og:url' || a.name === 'og:url')) index.ogUrl = el;
      break;
    case 'link':
      if (equalsIgnoringCase(a.rel, 'canonical')) {
        index.canonical ??= el;
        if (!index.canonicalHref && a.href) index.canonicalHref = a.href;
      }
      break;
    case 'script':
      index.scripts.push(el);
      if (equalsIgnoringCase(a.type, LD_JSON)) index.jsonLd.push(el);
      break;
  }
}

/** A placed element whose regions are known only once the walk has left them. */
interface Pending {
  entry: Placement;
  /** Ancestors (or self) whose tag or class/id names an excluded region. */
  suspects: readonly Element[];
  softSuspects: readonly Element[];
}

function emptyIndex(): PageIndex {
  return {
    html: null, body: null, title: null, h1: null, metas: [], canonical: null, ogUrl: null, jsonLd: [], depth: 0,
    bodyH1s: [], bodyH2s: [], authorElements: [],
    scripts: [], lastBody: null, lastLang: null, canonicalHref: null,
    h1Placement: null, times: [], abbrs: [], itemprops: [], bodyMetas: [], dateElements: [],
    excludedRegions: new Set(), commentRegions: new Set(),
  };
}

/**
 * One depth-first walk in document order, with an explicit stack (no depth limit, as the
 * selector queries had none). Whether a suspect region (class "sidebar", "widget"…) really
 * is excluded depends on whether it holds the main content, known only when the walk leaves
 * it, so placed elements keep their suspect ancestors and are resolved at the end.
 */
export function indexPage(root: ParentNode | undefined): PageIndex {
  const index = emptyIndex();
  if (!root) return index;
  const names = new NameReader();
  const pending: Pending[] = [];
  const holdsMain = new Set<Element>();
  const suspects: Element[] = [];
  const softSuspects: Element[] = [];
  const allSuspects: Element[] = [];
  const commentSuspects = new Set<Element>();
  let order = 0;
  // The open elements: their children still to visit and what leaving them settles.
  const open: Element[] = [];
  const lists: AnyNode[][] = [root.children];
  const positions: number[] = [0];
  const inArticle: boolean[] = [false];
  const mains: boolean[] = [];
  const suspectFlags: number[] = [];
  // Level in `lists` of the first <body>'s children while it is open: elements at it or below are in the body.
  let bodyLevel = Infinity;

  const place = (el: Element, article: boolean): Pending => {
    const p: Pending = { entry: { el, order, inArticle: article, excluded: false, soft: false }, suspects: suspects.slice(), softSuspects: softSuspects.slice() };
    pending.push(p);
    return p;
  };

  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top]!;
    const i = positions[top]!;
    if (i >= list.length) {
      lists.pop();
      positions.pop();
      inArticle.pop();
      const el = open.pop();
      if (el === index.body) bodyLevel = Infinity;
      if (el) {
        const main = mains.pop()!;
        const flags = suspectFlags.pop()!;
        if (main) {
          holdsMain.add(el);
          if (mains.length > 0) mains[mains.length - 1] = true;
        }
        if (flags & 1) suspects.pop();
        if (flags & 2) softSuspects.pop();
      }
      continue;
    }
    positions[top] = i + 1;
    const node = list[i]!;
    // Only elements hold nodes here: htmlparser2 makes CDATA sections comments in HTML mode.
    if (!isElement(node)) continue;
    lookUp(node, index);
    if (lists.length > index.depth) index.depth = lists.length;
    order++;
    const name = node.name;
    // Script and style hold only their text: nothing placed, nothing inside to walk.
    if (name === 'script' || name === 'style') continue;
    // What the metadata reader reads of the body (it leaves out comment sections itself).
    if (top >= bodyLevel) {
      if (name === 'h1') index.bodyH1s.push(node);
      else if (name === 'h2') index.bodyH2s.push(node);
      else if (namesAuthor(node)) index.authorElements.push(node);
    }
    const attribs = node.attribs;
    const inner = name !== 'body' && name !== 'html';
    const cls = attribs.class;
    const id = attribs.id;
    const info = inner && (cls || id) ? names.of(cls, id) : NO_NAMES;
    const suspect = inner && (EXCLUDED_TAGS.has(name) || info.hard);
    if (suspect) {
      suspects.push(node);
      allSuspects.push(node);
      if (info.comment) commentSuspects.add(node);
    }
    const softSuspect = inner && !suspect && info.soft;
    if (softSuspect) softSuspects.push(node);
    const itemprop = attribs.itemprop;
    const article = inArticle[top]! || name === 'article' || name === 'main' || (itemprop !== undefined && ARTICLE_ITEMPROP.test(itemprop));
    const isBodyMeta = name === 'meta' && index.body !== null;
    const isItemprop = itemprop !== undefined && name !== 'meta' && DATE_ITEMPROP.test(itemprop);
    const isH1 = name === 'h1' && index.h1 === node && index.h1Placement === null;
    const tier = index.dateElements.length < HTML_SCAN_LIMITS.maxTokenElements && inner ? info.tier : -1;
    if (name === 'time' || name === 'abbr' || isItemprop || isH1 || isBodyMeta || tier >= 0) {
      const { entry } = place(node, article);
      if (name === 'time') index.times.push(entry);
      else if (name === 'abbr') index.abbrs.push(entry);
      if (isItemprop) index.itemprops.push(entry);
      if (isBodyMeta) index.bodyMetas.push(entry);
      if (isH1) index.h1Placement = entry;
      if (tier >= 0) index.dateElements.push(Object.assign(entry, { tier }));
    }
    open.push(node);
    mains.push(MAIN_TAGS.has(name) || info.main || (itemprop !== undefined && MAIN_CONTENT_ITEMPROP.test(itemprop)));
    suspectFlags.push((suspect ? 1 : 0) | (softSuspect ? 2 : 0));
    lists.push(node.children);
    if (node === index.body && bodyLevel === Infinity) bodyLevel = lists.length - 1;
    positions.push(0);
    inArticle.push(article);
  }
  for (const p of pending) {
    p.entry.excluded = p.suspects.some((s) => !holdsMain.has(s));
    p.entry.soft = p.softSuspects.some((s) => !holdsMain.has(s));
  }
  if (index.h1Placement?.excluded) index.h1Placement = null;
  const excluded = new Set(allSuspects.filter((s) => !holdsMain.has(s)));
  index.excludedRegions = excluded;
  index.commentRegions = new Set([...excluded].filter((s) => commentSuspects.has(s)));
  return index;
}
