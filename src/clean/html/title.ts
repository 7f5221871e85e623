import type { AnyNode, Element } from 'domhandler';
import { MAX_DEPTH, isTag } from '../page/node.js';
import { collapseWhitespace, wordsOf } from '../page/text.js';
import { HEADLINE_KICKER_CLASS, TITLE_SETTINGS as S, TITLE_SEPARATOR } from '../rules/title-rules.js';

/** What the page says its title is, each read as written. */
export interface TitleSources {
  og: string | null;
  twitter: string | null;
  /** The <title> element. */
  document: string | null;
  /** JSON-LD headline of the page's Article. */
  headline: string | null;
  /** og:site_name or application-name. */
  site: string | null;
  /** The page's h1 elements, then its h2 elements, in document order. */
  h1: readonly Element[];
  h2: readonly Element[];
}

/** Soft hyphens and zero-width characters: invisible, but they split words for a matcher. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const HIDDEN_CLASS = /visually-?hidden|sr-only|screen-reader|element-invisible|hiddendash|(?:^|[\s_-])(?:hidden|aural|offscreen)(?:$|[\s_-])/i;
const ONLY_PUNCTUATION = /^[\s\p{P}\p{S}]*$/u;
const KICKER = new RegExp(HEADLINE_KICKER_CLASS.map((r) => r.pattern).join('|'), 'i');
const SEPARATOR = new RegExp(`\\s+(?:${TITLE_SEPARATOR})\\s+`, 'u');

export const cleanTitleText = (s: string): string => collapseWhitespace(s.replace(INVISIBLE, '')).trim();

function plainText(node: AnyNode, depth = 0): string {
  if (node.type === 'text') return node.data;
  if (!isTag(node) || depth > MAX_DEPTH) return '';
  if (node.name === 'br') return ' ';
  let text = '';
  for (const child of node.children) text += plainText(child, depth + 1);
  return text;
}

const isHidden = (el: Element): boolean => el.attribs['aria-hidden'] === 'true' || HIDDEN_CLASS.test(el.attribs.class ?? '');
const NOT_SPACE = /\S/;

/**
 * `plainText(node).trim() !== ''`, without building the text: the first text node holding
 * more than white space settles it. Headings' parts are tested many times over (parts,
 * wrappers, links home), each test once built the whole heading's text.
 */
function holdsText(node: AnyNode, depth: number): boolean {
  if (node.type === 'text') return NOT_SPACE.test(node.data);
  if (!isTag(node) || depth > MAX_DEPTH) return false;
  for (const child of node.children) if (holdsText(child, depth + 1)) return true;
  return false;
}

const hasText = (node: AnyNode): boolean => holdsText(node, 0);

/**
 * A heading's parts (its child elements and text, looked through wrappers), without its
 * kicker: "<span class=kicker>Klimaschutz</span><span class=visually-hidden>: </span><span>Bohren,
 * bis es heiß wird</span>" (zeit.de, cicero.de, tagesschau.de "dachzeile") is the headline
 * "Bohren, bis es heiß wird". The kicker is a leading element named so
 * (HEADLINE_KICKER_CLASS), a leading <small>, or a leading element next to a hidden
 * separator; it goes only when text follows it.
 */
export function headingParts(el: Element): string[] {
  let parts = el.children.filter(hasText);
  // Wrappers (a link, a span of the whole headline) are looked through.
  while (parts.length === 1 && isTag(parts[0]!) && parts[0].children.some(isTag)) parts = parts[0].children.filter(hasText);
  const separator = (node: AnyNode): boolean => isTag(node) && isHidden(node) && ONLY_PUNCTUATION.test(plainText(node));
  if (parts.length >= 2) {
    const [first, second] = parts as [AnyNode, AnyNode];
    const named = isTag(first) && (first.name === 'small' || KICKER.test(first.attribs.class ?? ''));
    const hiddenSeparator = (node: AnyNode): boolean => separator(node) || (isTag(node) && node.children.some(separator));
    if (named || hiddenSeparator(second) || hiddenSeparator(first)) parts = parts.slice(1);
  }
  const texts = parts.filter((p) => !separator(p)).map((p) => cleanTitleText(plainText(p))).filter(Boolean);
  return texts.length > 0 ? texts : [cleanTitleText(plainText(el))];
}

export const headingText = (el: Element): string => headingParts(el).join(' ');

/** Letters and digits only, lower-cased: how titles are compared. */
const norm = (s: string): string => wordsOf(s.normalize('NFKC')).join(' ');

/** Dice overlap of two word sets. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** A metadata title, split at its separators, with what the comparisons need. */
interface MetaTitle {
  text: string;
  norm: string;
  words: Set<string>;
  segments: string[];
  /** og:title or JSON-LD headline: written for this article, not a browser tab. */
  primary: boolean;
}

function metaTitle(text: string, primary: boolean): MetaTitle {
  return { text, norm: norm(text), words: new Set(wordsOf(text)), segments: text.split(SEPARATOR).map(norm), primary };
}

/**
 * How well a heading agrees with a metadata title, 0–1; -1 when the heading is one of the
 * title's affixes (a site or section name after the headline: "Krimiblog-Archiv" in "Das
 * vermutlich … | Krimiblog-Archiv").
 */
function agreement(heading: string, words: ReadonlySet<string>, meta: MetaTitle): number {
  if (heading === meta.norm) return meta.primary ? 1 : S.documentMatch;
  const segs = meta.segments;
  if (segs.length > 1) {
    const longest = Math.max(...segs.map((x) => x.length));
    for (let i = 0; i < segs.length; i++) {
      for (let j = i; j < segs.length; j++) {
        if (segs.slice(i, j + 1).join(' ') !== heading) continue;
        if (i === 0) return S.leadingSegmentMatch;
        return segs.slice(i, j + 1).some((x) => x.length === longest) ? S.longestSegmentMatch : -1;
      }
    }
  }
  return dice(words, meta.words) * S.wordOverlapWeight;
}

/** A heading that is a link to the site's home page: the site's name or logo. */
function isHomeLink(el: Element): boolean {
  let node: Element = el;
  for (let parts = el.children.filter(hasText); parts.length === 1 && isTag(parts[0]!); parts = node.children.filter(hasText)) {
    node = parts[0];
    if (node.name === 'a') {
      const href = node.attribs.href?.trim() ?? '';
      const path = href.slice(href.lastIndexOf('://') + 3 * Number(href.includes('://')));
      return href === '' || /^[^/]*\/?(?:index\.\w+)?$/.test(href.includes('://') ? path : href.replace(/^\//, ''));
    }
  }
  return false;
}

/**
 * "Headline | Site" / "Site - Section - Headline" → the headline: the segments naming the
 * site (og:site_name, or a short tail) are cut.
 */
export function stripSiteName(title: string, site: string | null): string {
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  const siteNorm = site ? norm(site) : '';
  const names = (p: string) => siteNorm.length > 0 && (norm(p).includes(siteNorm) || siteNorm.includes(norm(p)));
  const last = parts[parts.length - 1]!;
  if (names(last)) return stripSiteName(parts.slice(0, -1).join(' - '), site);
  if (last.length < title.length / 3) return parts.slice(0, -1).join(' - ');
  const first = parts[0]!;
  if (names(first)) return parts.slice(1).join(' - ');
  return title;
}

/**
 * The article's title: the page's headline (an h1, else an h2) that agrees with what its
 * metadata says the title is (og:title, JSON-LD headline, <title>; the visible headline is
 * what a reader sees, metadata is often a shorter SEO line), else the metadata title with
 * the site name cut off. A heading naming the site (og:site_name, a link home, an affix of
 * the <title>) is never the title; a heading that wraps a metadata title in more (a section
 * name, a date, a standfirst) gives that title.
 */
export function chooseTitle(src: TitleSources): string | null {
  const site = src.site ? cleanTitleText(src.site) : null;
  const siteNorm = site ? norm(site) : null;
  const metas: MetaTitle[] = [];
  for (const [text, primary] of [[src.og, true], [src.headline, true], [src.twitter, false], [src.document, false]] as const) {
    const t = text ? cleanTitleText(text) : '';
    if (t) metas.push(metaTitle(t, primary));
  }
  let best: string[] | null = null;
  let bestScore = S.minHeadingAgreement;
  let firstHeading: string | null = null;
  for (const [tier, penalty] of [[src.h1, 0], [src.h2, S.h2Penalty]] as const) {
    for (const el of tier.slice(0, S.maxHeadings)) {
      if (isHidden(el) || isHomeLink(el)) continue;
      const parts = headingParts(el);
      const text = parts.join(' ');
      const n = norm(text);
      if (!n || text.length > S.maxChars || n === siteNorm) continue;
      if (tier === src.h1) firstHeading ??= text;
      const words = new Set(n.split(' '));
      const scores = metas.map((m) => agreement(n, words, m));
      if (scores.includes(-1)) continue;
      const score = Math.max(0, ...scores) - penalty;
      if (score > bestScore) {
        best = parts;
        bestScore = score;
      }
    }
  }
  if (best) {
    // A heading holding a metadata title and more in its own elements: "<div>Local News |
    // </div><span>Brothel catering …</span>", "<span>Dezuka Suisan: …</span><small>Welcome to …</small>".
    const wanted = new Set(metas.flatMap((m) => [m.norm, norm(stripSiteName(m.text, site))]));
    for (let i = 0; i < best.length && best.length > 1; i++) {
      for (let j = best.length; j > i; j--) {
        const run = best.slice(i, j).join(' ');
        if ((i > 0 || j < best.length) && wanted.has(norm(run))) return run;
      }
    }
    return best.join(' ');
  }
  // No heading agrees: the title written for the article, else the page's first heading, else its <title>.
  const meta = metas.find((m) => m.primary);
  if (meta) return stripSiteName(meta.text, site);
  return firstHeading ?? (metas[0] ? stripSiteName(metas[0].text, site) : null);
}
