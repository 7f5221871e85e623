import type { AnyNode, Element } from 'domhandler';
import { DATE_ELEMENT_TOKENS, MAIN_CONTENT_CLASS, MAIN_CONTENT_ITEMPROP, MAIN_CONTENT_TAGS } from '../../rules/dates-html.js';
import { isElement, isExcludedElement, isSoftExcludedElement } from './dom.js';

/** Everything the HTML date sources need, gathered in one walk over the document. */
export interface DateElement {
  el: Element;
  /** Document order of the element (for "near the title" and first-wins rules). */
  order: number;
  /** Inside <article>, [itemprop=articleBody] or <main>. */
  inArticle: boolean;
  /** Inside a comment/related/sidebar/footer region (see rules/dates-html.ts); set after the walk. */
  excluded: boolean;
  /** Inside a soft-excluded region (a "sidebar" or "teaser" that may be the article); set after the walk. */
  soft: boolean;
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
  /** Excluded regions (after the main-content rule): text scans skip them. */
  excludedRegions: ReadonlySet<Element>;
}

const TIER_RES = DATE_ELEMENT_TOKENS.map((t) => new RegExp(t.pattern, 'i'));
const MAIN_TAGS = new Set(MAIN_CONTENT_TAGS);
const ARTICLE_ITEMPROPS = /articlebody|blogpost|newsarticle/i;
const DATE_ITEMPROP = /^(?:datepublished|datecreated|datemodified|dateupdated|pubdate|uploaddate)$/i;
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

function isMainMarker(el: Element): boolean {
  if (MAIN_TAGS.has(el.name)) return true;
  const cls = el.attribs.class;
  if (cls && MAIN_CONTENT_CLASS.test(cls)) return true;
  const itemprop = el.attribs.itemprop;
  return itemprop !== undefined && MAIN_CONTENT_ITEMPROP.test(itemprop);
}

interface Pending {
  entry: DateElement;
  /** Ancestors (or self) whose class/id names an excluded region. */
  suspects: readonly Element[];
  softSuspects: readonly Element[];
}

/**
 * Walks the document once. Whether a suspect region (class "sidebar", "widget"…) really is
 * excluded depends on whether it holds the main content, known only when the walk leaves
 * it, so entries keep their suspect ancestors and are resolved at the end.
 */
export function scanPage(roots: readonly AnyNode[]): PageScan {
  const scan: Omit<PageScan, 'excludedRegions'> = {
    metas: [], jsonLd: [], scripts: [], times: [], itemprops: [], abbrs: [], tokenElements: [],
    h1: null, body: null, lang: null, canonical: null,
  };
  const pending: Pending[] = [];
  const holdsMain = new Set<Element>();
  const suspects: Element[] = [];
  const softSuspects: Element[] = [];
  const allSuspects: Element[] = [];
  let order = 0;
  let h1Pending: Pending | null = null;

  const walk = (node: AnyNode, depth: number, inArticle: boolean): boolean => {
    if (!isElement(node) || depth > MAX_DEPTH) return false;
    const el = node;
    const name = el.name;
    order++;
    if (name === 'script') {
      const type = (el.attribs.type ?? '').toLowerCase();
      const text = el.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
      if (type.includes('ld+json')) scan.jsonLd.push(text);
      else if (!type || type.includes('javascript') || type.includes('json')) scan.scripts.push(text);
      return false;
    }
    if (name === 'style') return false;
    if (name === 'html' && el.attribs.lang) scan.lang = el.attribs.lang;
    if (name === 'body') scan.body = el;
    if (name === 'meta') scan.metas.push(el);
    if (name === 'link' && !scan.canonical && (el.attribs.rel ?? '').toLowerCase() === 'canonical' && el.attribs.href) {
      scan.canonical = el.attribs.href;
    }
    const inner = name !== 'body' && name !== 'html';
    const suspect = inner && isExcludedElement(el);
    if (suspect) {
      suspects.push(el);
      allSuspects.push(el);
    }
    const softSuspect = inner && !suspect && isSoftExcludedElement(el);
    if (softSuspect) softSuspects.push(el);
    const itemprop = el.attribs.itemprop;
    const nowInArticle = inArticle || name === 'article' || name === 'main' || (itemprop !== undefined && ARTICLE_ITEMPROPS.test(itemprop));
    const entry: DateElement = { el, order, inArticle: nowInArticle, excluded: false, soft: false };
    const remember = (): Pending => {
      const p = { entry, suspects: suspects.slice(), softSuspects: softSuspects.slice() };
      pending.push(p);
      return p;
    };
    if (name === 'time') scan.times.push(entry);
    else if (name === 'abbr') scan.abbrs.push(entry);
    if (name === 'time' || name === 'abbr') remember();
    if (itemprop && name !== 'meta' && DATE_ITEMPROP.test(itemprop)) {
      scan.itemprops.push(entry);
      remember();
    }
    if (name === 'h1' && !scan.h1) {
      scan.h1 = entry;
      h1Pending = remember();
    }
    if (scan.tokenElements.length < MAX_TOKEN_ELEMENTS && name !== 'html' && name !== 'body') {
      const tier = tierOf(el);
      if (tier >= 0) {
        const tokenEntry = { ...entry, tier };
        scan.tokenElements.push(tokenEntry);
        pending.push({ entry: tokenEntry, suspects: suspects.slice(), softSuspects: softSuspects.slice() });
      }
    }
    let main = isMainMarker(el);
    for (const child of el.children) if (walk(child, depth + 1, nowInArticle)) main = true;
    if (main) holdsMain.add(el);
    if (suspect) suspects.pop();
    if (softSuspect) softSuspects.pop();
    return main;
  };
  for (const root of roots) {
    if (isElement(root)) walk(root, 0, false);
    else if (root.type === 'root') for (const child of root.children) walk(child, 0, false);
  }
  for (const p of pending) {
    p.entry.excluded = p.suspects.some((s) => !holdsMain.has(s));
    p.entry.soft = p.softSuspects.some((s) => !holdsMain.has(s));
  }
  if (h1Pending && (h1Pending as Pending).entry.excluded) scan.h1 = null;
  const excludedRegions = new Set(allSuspects.filter((s) => !holdsMain.has(s)));
  return { ...scan, excludedRegions };
}
