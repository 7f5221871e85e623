import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { indexPage, type PageIndex } from '../page/page-index.js';
import { collapseWhitespace } from '../page/text.js';
import { META_AUTHOR_PREFIX } from '../rules/bylines.js';

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

/** "Headline | Site" / "Headline - Site" → "Headline" when the tail is the site name or short. */
function stripSiteName(title: string, site: string | null): string {
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  if ((site && last.toLowerCase().includes(site.toLowerCase())) || last.length < title.length / 3) return parts.slice(0, -1).join(' - ');
  return title;
}

/**
 * Title, byline, publisher and language from meta tags and the page; `jsonLdAuthor` (Person
 * names) comes first for the byline. `index` is the page's element index when the caller
 * already has it.
 */
export function readMetadata($: CheerioAPI, jsonLdAuthor: string | null = null, index: PageIndex = indexPage($.root()[0])): PageMetadata {
  const metas = new Map<string, string>();
  for (const { attribs } of index.metas) {
    const key = (attribs.property ?? attribs.name ?? attribs['http-equiv'])?.toLowerCase();
    if (key && attribs.content && !metas.has(key)) metas.set(key, attribs.content);
  }
  const meta = (key: string) => clean(metas.get(key));
  const textOf = (el: Element | null) => (el ? $.text([el]) : undefined);
  const publisher = meta('og:site_name') ?? meta('application-name');
  const rawTitle = meta('og:title') ?? clean(textOf(index.h1)) ?? clean(textOf(index.title));
  const rawByline = clean(jsonLdAuthor ?? undefined) ?? meta('author') ?? meta('article:author') ?? clean(textOf(index.author));
  const byline = rawByline?.replace(META_AUTHOR_PREFIX, '') ?? null;
  const lang = clean(index.html?.attribs.lang) ?? meta('content-language');
  const language = lang ? (lang.split(/[-_]/)[0]!.toLowerCase() || null) : null;
  return {
    title: rawTitle ? stripSiteName(rawTitle, publisher) : null,
    byline: byline && byline.length <= 120 && !/^https?:/.test(byline) ? byline : null,
    publisher,
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
  };
}
