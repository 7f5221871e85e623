import type { AnyNode, Element } from 'domhandler';
import { DATE_ELEMENT_TOKENS, EXCLUDED_TAGS, MAIN_CONTENT_CLASS, MAIN_CONTENT_ITEMPROP, MAIN_CONTENT_TAGS } from '../../rules/dates-html.js';
import { alternatives } from '../../regex-source.js';
import { isElement, regionOfName } from './dom.js';

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
  /** <meta> elements inside <body> (microdata of some item), with their region. */
  bodyMetas: DateElement[];
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
  /** The comment sections among them. */
  commentRegions: ReadonlySet<Element>;
}

const TIER_RES = DATE_ELEMENT_TOKENS.map((t) => new RegExp(t.pattern, 'i'));
/** Any tier at all: most class names match none, and one test tells so instead of one per tier. */
const ANY_TIER = new RegExp(alternatives(DATE_ELEMENT_TOKENS), 'i');
const MAIN_TAGS = new Set(MAIN_CONTENT_TAGS);
const ARTICLE_ITEMPROPS = /articlebody|blogpost|newsarticle/i;
const DATE_ITEMPROP = /^(?:datepublished|datecreated|datemodified|dateupdated|pubdate|uploaddate)$/i;
/** Elements deeper than this are not descended into (defends against pathological nesting). */
const MAX_DEPTH = 200;
/** Enough for the date elements of any real page; bounds the work on huge pages. */
const MAX_TOKEN_ELEMENTS = 200;

const EXCLUDED_TAG_SET = new Set(EXCLUDED_TAGS);

/** What an element's class and id say, computed once per distinct value on a page. */
interface NameInfo {
  hard: boolean;
  soft: boolean;
  /** Names a comment section. */
  comment: boolean;
  main: boolean;
  /** Index into DATE_ELEMENT_TOKENS, -1 when none. */
  tier: number;
}

const NO_NAMES: NameInfo = { hard: false, soft: false, comment: false, main: false, tier: -1 };

function nameInfo(value: string, isClass: boolean): NameInfo {
  const names = isClass ? value.split(/\s+/).filter(Boolean) : [value];
  const tier = ANY_TIER.test(value) ? TIER_RES.findIndex((re) => re.test(value)) : -1;
  let hard = false;
  let soft = false;
  let comment = false;
  for (const name of names) {
    const region = regionOfName(name);
    hard ||= region.hard;
    soft ||= region.soft;
    comment ||= region.comment;
  }
  return {
    hard,
    soft: !hard && soft,
    comment,
    main: isClass && MAIN_CONTENT_CLASS.test(value),
    tier,
  };
}

function cachedInfo(value: string | undefined, isClass: boolean, cache: Map<string, NameInfo>): NameInfo {
  if (!value) return NO_NAMES;
  let info = cache.get(value);
  if (!info) {
    info = nameInfo(value, isClass);
    cache.set(value, info);
  }
  return info;
}

function combine(a: NameInfo, b: NameInfo): NameInfo {
  if (b === NO_NAMES) return a;
  if (a === NO_NAMES) return b;
  const tier = a.tier < 0 ? b.tier : b.tier < 0 ? a.tier : Math.min(a.tier, b.tier);
  const hard = a.hard || b.hard;
  return { hard, soft: !hard && (a.soft || b.soft), comment: a.comment || b.comment, main: a.main || b.main, tier };
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
  const scan: Omit<PageScan, 'excludedRegions' | 'commentRegions'> = {
    metas: [], bodyMetas: [], jsonLd: [], scripts: [], times: [], itemprops: [], abbrs: [], tokenElements: [],
    h1: null, body: null, lang: null, canonical: null,
  };
  const pending: Pending[] = [];
  const holdsMain = new Set<Element>();
  const suspects: Element[] = [];
  const softSuspects: Element[] = [];
  const allSuspects: Element[] = [];
  const commentSuspects = new Set<Element>();
  let order = 0;
  const classCache = new Map<string, NameInfo>();
  const idCache = new Map<string, NameInfo>();
  let h1Pending: Pending | null = null;

  const walk = (el: Element, depth: number, inArticle: boolean): boolean => {
    if (depth > MAX_DEPTH) return false;
    const name = el.name;
    const attribs = el.attribs;
    order++;
    if (name === 'script') {
      const type = (attribs.type ?? '').toLowerCase();
      const first = el.children[0];
      const text = el.children.length === 1 && first?.type === 'text' ? first.data : el.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
      if (type.includes('ld+json')) scan.jsonLd.push(text);
      else if (!type || type.includes('javascript') || type.includes('json')) scan.scripts.push(text);
      return false;
    }
    if (name === 'style') return false;
    if (name === 'html' && attribs.lang) scan.lang = attribs.lang;
    if (name === 'body') scan.body = el;
    if (name === 'meta') scan.metas.push(el);
    if (name === 'link' && !scan.canonical && (attribs.rel ?? '').toLowerCase() === 'canonical' && attribs.href) {
      scan.canonical = attribs.href;
    }
    const inner = name !== 'body' && name !== 'html';
    const cls = attribs.class;
    const id = attribs.id;
    const info = inner && (cls || id) ? combine(cachedInfo(cls, true, classCache), cachedInfo(id, false, idCache)) : NO_NAMES;
    const suspect = inner && (EXCLUDED_TAG_SET.has(name) || info.hard);
    if (suspect) {
      suspects.push(el);
      allSuspects.push(el);
      if (info.comment) commentSuspects.add(el);
    }
    const softSuspect = inner && !suspect && info.soft;
    if (softSuspect) softSuspects.push(el);
    const itemprop = attribs.itemprop;
    const nowInArticle = inArticle || name === 'article' || name === 'main' || (itemprop !== undefined && ARTICLE_ITEMPROPS.test(itemprop));
    const isTime = name === 'time' || name === 'abbr';
    const isBodyMeta = name === 'meta' && scan.body !== null;
    const isItemprop = itemprop !== undefined && name !== 'meta' && DATE_ITEMPROP.test(itemprop);
    const isH1 = name === 'h1' && !scan.h1;
    const tier = scan.tokenElements.length < MAX_TOKEN_ELEMENTS && inner ? info.tier : -1;
    if (isTime || isItemprop || isH1 || isBodyMeta || tier >= 0) {
      const entry: DateElement = { el, order, inArticle: nowInArticle, excluded: false, soft: false };
      const p: Pending = { entry, suspects: suspects.slice(), softSuspects: softSuspects.slice() };
      pending.push(p);
      if (name === 'time') scan.times.push(entry);
      else if (name === 'abbr') scan.abbrs.push(entry);
      if (isItemprop) scan.itemprops.push(entry);
      if (isBodyMeta) scan.bodyMetas.push(entry);
      if (isH1) {
        scan.h1 = entry;
        h1Pending = p;
      }
      if (tier >= 0) {
        const tokenEntry: TokenElement = Object.assign(entry, { tier });
        scan.tokenElements.push(tokenEntry);
      }
    }
    let main = MAIN_TAGS.has(name) || info.main || (itemprop !== undefined && MAIN_CONTENT_ITEMPROP.test(itemprop));
    const children = el.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (isElement(child) && walk(child, depth + 1, nowInArticle)) main = true;
    }
    if (main) holdsMain.add(el);
    if (suspect) suspects.pop();
    if (softSuspect) softSuspects.pop();
    return main;
  };
  for (const root of roots) {
    if (isElement(root)) walk(root, 0, false);
    else if (root.type === 'root') for (const child of root.children) if (isElement(child)) walk(child, 0, false);
  }
  for (const p of pending) {
    p.entry.excluded = p.suspects.some((s) => !holdsMain.has(s));
    p.entry.soft = p.softSuspects.some((s) => !holdsMain.has(s));
  }
  if (h1Pending && (h1Pending as Pending).entry.excluded) scan.h1 = null;
  const excludedRegions = new Set(allSuspects.filter((s) => !holdsMain.has(s)));
  const commentRegions = new Set([...excludedRegions].filter((s) => commentSuspects.has(s)));
  return { ...scan, excludedRegions, commentRegions };
}
