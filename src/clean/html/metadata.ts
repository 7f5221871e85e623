import type { Element, ParentNode } from 'domhandler';
import { DomUtils } from 'htmlparser2';
import { indexPage, type PageIndex } from '../page/page-index.js';
import { collapseWhitespace } from '../page/text.js';
import { BYLINE_NOT_NAME, BYLINE_SETTINGS, META_AUTHOR_PREFIX } from '../rules/bylines.js';
import { TITLE_SETTINGS } from '../rules/title-rules.js';
import { bylineNames } from '../lines/byline-names.js';
import { isInside } from '../page/node.js';
import { bylineOfElements } from './byline.js';
import type { JsonLdArticle } from './jsonld.js';
import { chooseTitle, cleanTitleText } from './title.js';

const clean = (value: string | undefined): string | null => {
  const t = value === undefined ? undefined : collapseWhitespace(value).trim();
  return t ? t : null;
};

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  publisher: string | null;
  language: string | null;
}

/** What the metadata reader looks at in the page's body, outside comment sections. */
interface BodyScan {
  /** The first h1 and h2 elements (TITLE_SETTINGS.maxHeadings of each), in document order. */
  h1: Element[];
  h2: Element[];
  /** Author elements outside comment sections, in document order (a post's byline row may sit in a footer). */
  authors: Element[];
}

/** The first `max` of `elements` outside the excluded regions. */
function firstOutside(elements: readonly Element[], excluded: ReadonlySet<Element>, max: number): Element[] {
  const kept: Element[] = [];
  for (const el of elements) {
    if (kept.length >= max) break;
    if (excluded.size === 0 || !isInside(el, excluded)) kept.push(el);
  }
  return kept;
}

/** The page index found the body's headings and author elements in its walk; comment sections are left out here. */
function scanBody(index: PageIndex): BodyScan {
  const excluded = index.commentRegions;
  return {
    h1: firstOutside(index.bodyH1s, excluded, TITLE_SETTINGS.maxHeadings),
    h2: firstOutside(index.bodyH2s, excluded, TITLE_SETTINGS.maxHeadings),
    authors: firstOutside(index.authorElements, excluded, BYLINE_SETTINGS.maxElements),
  };
}

/** A meta author that names the site, not a person: its name or its host ("Badische Zeitung" on badische-zeitung.de). */
function namesSite(byline: string, publisher: string | null, host: string | null): boolean {
  const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const b = letters(byline);
  if (!b) return true;
  const p = publisher ? letters(publisher) : '';
  if (p && (p.includes(b) || b.includes(p))) return true;
  const label = host?.replace(/^www\./, '').split('.')[0];
  return label !== undefined && label.length >= 4 && b.includes(letters(label));
}

const NOT_META_AUTHOR = new RegExp(BYLINE_NOT_NAME.map((r) => r.pattern).join('|'), 'iu');
const META_AUTHOR_KEYS = ['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author'];

function hostOf(url: string | null | undefined): string | null {
  const m = url ? /^(?:https?:)?\/\/([^/:?#]+)/i.exec(url.trim()) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** A meta or JSON-LD author as written, unless it is a link, a handle, a domain or a placeholder. */
function metaAuthor(raw: string): string | null {
  const text = collapseWhitespace(raw).trim().replace(META_AUTHOR_PREFIX, '');
  return text && text.length <= BYLINE_SETTINGS.maxNameChars && !NOT_META_AUTHOR.test(text) ? text : null;
}

/** The first byline found, or a later one that names the same people and more ("Rudolf Fischer" → "Rudolf Fischer, Simon Kohler"). */
function moreNames(bylines: readonly string[]): string | null {
  let best = bylines[0] ?? null;
  if (!best) return null;
  let names = bylineNames(best);
  for (const other of bylines.slice(1)) {
    const more = bylineNames(other);
    if (more.length > names.length && names.every((n) => more.some((m) => m.includes(n)))) {
      best = other;
      names = more;
    }
  }
  return best;
}

/**
 * Title, byline, publisher and language from meta tags and the page; `jsonLdAuthor` (Person
 * names) comes first for the byline. `index` is the page's element index when the caller
 * already has it.
 */
export function readMetadata(root: ParentNode, jsonLd: Pick<JsonLdArticle, 'author' | 'headline'> | null = null, index: PageIndex = indexPage(root)): PageMetadata {
  const metas = new Map<string, string>();
  for (const { attribs } of index.metas) {
    const key = (attribs.property ?? attribs.name ?? attribs['http-equiv'])?.toLowerCase();
    if (key && attribs.content && !metas.has(key)) metas.set(key, attribs.content);
  }
  const meta = (key: string) => clean(metas.get(key));
  const textOf = (el: Element | null) => (el ? DomUtils.textContent(el) : undefined);
  const publisher = meta('og:site_name') ?? meta('application-name');
  const scan = scanBody(index);
  const title = chooseTitle({ og: meta('og:title'), twitter: meta('twitter:title'), document: clean(textOf(index.title)), headline: jsonLd?.headline ?? null, site: publisher, h1: scan.h1, h2: scan.h2 });
  const host = hostOf(meta('og:url') ?? index.canonicalHref);
  // Person names first (JSON-LD, then meta tags), then the page's author elements; a meta
  // author naming the site comes last (organisations do sign their pages).
  const people: string[] = [];
  const sites: string[] = [];
  for (const raw of [jsonLd?.author, ...META_AUTHOR_KEYS.map(meta)]) {
    const name = raw ? metaAuthor(raw) : null;
    if (name) (namesSite(name, publisher, host) ? sites : people).push(name);
  }
  const shown = bylineOfElements(scan.authors);
  if (shown) people.push(shown);
  const found = [...people, ...sites];
  const byline = moreNames(found);
  const lang = clean(index.html?.attribs.lang) ?? meta('content-language') ?? meta('og:locale');
  const language = lang ? (lang.split(/[-_]/)[0]!.toLowerCase() || null) : null;
  return {
    title: title ? cleanTitleText(title) || null : null,
    byline,
    publisher,
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
  };
}
