import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { indexPage, type PageIndex } from '../page/page-index.js';
import { collapseWhitespace } from '../page/text.js';
import { isTag, MAX_DEPTH } from '../page/node.js';
import { META_AUTHOR_PREFIX } from '../rules/bylines.js';
import { TITLE_SETTINGS } from '../rules/title-rules.js';
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

/** The first h1 and h2 elements of the page's body (TITLE_SETTINGS.maxHeadings of each), in document order. */
function headings(body: Element | null): { h1: Element[]; h2: Element[] } {
  const h1: Element[] = [];
  const h2: Element[] = [];
  const walk = (el: Element, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of el.children) {
      if (!isTag(child)) continue;
      if (child.name === 'h1') {
        if (h1.length < TITLE_SETTINGS.maxHeadings) h1.push(child);
      } else if (child.name === 'h2') {
        if (h2.length < TITLE_SETTINGS.maxHeadings) h2.push(child);
      } else walk(child, depth + 1);
    }
  };
  if (body) walk(body, 0);
  return { h1, h2 };
}

/**
 * Title, byline, publisher and language from meta tags and the page; `jsonLdAuthor` (Person
 * names) comes first for the byline. `index` is the page's element index when the caller
 * already has it.
 */
export function readMetadata($: CheerioAPI, jsonLd: Pick<JsonLdArticle, 'author' | 'headline'> | null = null, index: PageIndex = indexPage($.root()[0])): PageMetadata {
  const metas = new Map<string, string>();
  for (const { attribs } of index.metas) {
    const key = (attribs.property ?? attribs.name ?? attribs['http-equiv'])?.toLowerCase();
    if (key && attribs.content && !metas.has(key)) metas.set(key, attribs.content);
  }
  const meta = (key: string) => clean(metas.get(key));
  const textOf = (el: Element | null) => (el ? $.text([el]) : undefined);
  const publisher = meta('og:site_name') ?? meta('application-name');
  const { h1, h2 } = headings(index.body);
  const title = chooseTitle({ og: meta('og:title'), twitter: meta('twitter:title'), document: clean(textOf(index.title)), headline: jsonLd?.headline ?? null, site: publisher, h1, h2 });
  const rawByline = clean(jsonLd?.author ?? undefined) ?? meta('author') ?? meta('article:author') ?? clean(textOf(index.author));
  const byline = rawByline?.replace(META_AUTHOR_PREFIX, '') ?? null;
  const lang = clean(index.html?.attribs.lang) ?? meta('content-language');
  const language = lang ? (lang.split(/[-_]/)[0]!.toLowerCase() || null) : null;
  return {
    title: title ? cleanTitleText(title) || null : null,
    byline: byline && byline.length <= 120 && !/^https?:/.test(byline) ? byline : null,
    publisher,
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
  };
}
