import type { Element, ParentNode } from 'domhandler';
import { DomUtils } from 'htmlparser2';
import { JsonLdCache, NOT_JSON } from '../page/json-ld-cache.js';
import { indexPage } from '../page/page-index.js';

const TAGS = /<[^>]+>/g;
const SPACE = /[^\S\n]+/g;
const ARTICLE_TYPE = /Article|Posting|Report/;
const MAX_DEPTH = 8;
/** Raw newlines and tabs inside JSON strings are invalid but common (moneycontrol.com); as spaces they parse. */
const CONTROL = /[\u0000-\u001f]+/g;

/** What a page declares about its article in JSON-LD (schema.org Article, NewsArticle, BlogPosting, also inside @graph). */
export interface JsonLdArticle {
  /** articleBody split into paragraphs; null when there is none. */
  body: string[] | null;
  /** Names of the Person authors, joined with ", "; null when none is a person. */
  author: string | null;
  /** The Article's headline; null when it has none. */
  headline: string | null;
}

interface Found {
  body: string | null;
  authors: string[];
  headline: string | null;
}

function personNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && !item.startsWith('http')) names.push(item.trim());
    else if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      if (typeof record.name === 'string' && record['@type'] !== 'Organization') names.push(record.name.trim());
    }
  }
  return names.filter(Boolean);
}

function visit(node: unknown, found: Found, depth: number): void {
  if (depth > MAX_DEPTH || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, found, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  const text = typeof record.articleBody === 'string' ? record.articleBody : typeof record.text === 'string' && ARTICLE_TYPE.test(String(record['@type'])) ? record.text : null;
  if (text && text.length > (found.body?.length ?? 0)) found.body = text;
  if (ARTICLE_TYPE.test(String(record['@type']))) {
    if (found.authors.length === 0) found.authors = personNames(record.author);
    if (found.headline === null && typeof record.headline === 'string' && record.headline.trim()) found.headline = record.headline.trim();
  }
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) visit(record[key], found, depth + 1);
}

/**
 * The article a page declares in its JSON-LD: its articleBody (a second opinion on the
 * extraction, trusted when the extraction came out much shorter) and its Person authors
 * (better than a meta author naming the publisher, as wired.com's "Condé Nast").
 * `scripts` are the page's script[type="application/ld+json"] elements; `cache` holds the
 * parses the date reader already made.
 */
export function readJsonLd(root: ParentNode, scripts: readonly Element[] = indexPage(root).jsonLd, cache = new JsonLdCache()): JsonLdArticle {
  const found: Found = { body: null, authors: [], headline: null };
  for (const el of scripts) {
    const raw = DomUtils.textContent(el).trim();
    if (!raw.includes('articleBody') && !raw.includes('"text"') && !raw.includes('author') && !raw.includes('headline')) continue;
    // Valid JSON holds control characters only as whitespace between tokens, so when the
    // text parses as it is, reading them as spaces would give the same value.
    let value = cache.parse(raw);
    if (value === NOT_JSON) {
      const spaced = raw.replace(CONTROL, ' ');
      // Broken JSON-LD is common (unescaped quotes, trailing commas): it just gives nothing.
      if (spaced !== raw) value = cache.parse(spaced);
    }
    if (value === NOT_JSON) continue;
    try {
      visit(value, found, 0);
    } catch {
      // Parsed JSON can still break the visit: "@type": {"toString": 1} cannot be made a string.
    }
  }
  const paragraphs = found.body
    ?.replace(TAGS, '\n')
    .replace(SPACE, ' ')
    .split(/\s*\n\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { body: paragraphs?.length ? paragraphs : null, author: found.authors.length ? found.authors.join(', ') : null, headline: found.headline };
}
