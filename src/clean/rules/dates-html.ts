/**
 * Where HTML pages keep their publication date: meta names, JSON-LD types and keys,
 * date-ish class/id tokens, and the page regions whose dates are never the page's own.
 * Confidences are calibrated against rules/dates-weights.ts (the assembler takes the max).
 */

import type { RuleRow } from './rule-row.js';

export type DateRoleInMarkup = 'published' | 'created' | 'modified';

export interface MetaDateName {
  /** Lower-case value of name=, property=, itemprop= or http-equiv=. */
  key: string;
  role: DateRoleInMarkup;
  confidence: number;
  note: string;
}

export const META_DATE_NAMES: readonly MetaDateName[] = [
  { key: 'article:published_time', role: 'published', confidence: 0.93, note: 'Open Graph article, most news sites of dates-htmldate' },
  { key: 'og:published_time', role: 'published', confidence: 0.92, note: 'Open Graph variant' },
  { key: 'og:article:published_time', role: 'published', confidence: 0.92, note: 'Open Graph variant' },
  { key: 'article:published', role: 'published', confidence: 0.9, note: 'Open Graph variant' },
  { key: 'article.published', role: 'published', confidence: 0.9, note: 'Drupal article.published' },
  { key: 'article:publicationdate', role: 'published', confidence: 0.9, note: 'htmldate DATE_ATTRIBUTES' },
  { key: 'datepublished', role: 'published', confidence: 0.91, note: 'schema.org microdata <meta itemprop="datePublished">' },
  { key: 'publishdate', role: 'published', confidence: 0.88, note: '<meta name="publishdate">' },
  { key: 'publish-date', role: 'published', confidence: 0.88, note: '<meta name="publish-date">' },
  { key: 'publish_date', role: 'published', confidence: 0.88, note: '<meta name="publish_date">' },
  { key: 'published-date', role: 'published', confidence: 0.88, note: '<meta name="published-date">' },
  { key: 'published_date', role: 'published', confidence: 0.88, note: '<meta name="published_date">' },
  { key: 'published_time', role: 'published', confidence: 0.88, note: '<meta name="published_time">' },
  { key: 'publication_date', role: 'published', confidence: 0.88, note: '<meta name="publication_date">' },
  { key: 'date_published', role: 'published', confidence: 0.88, note: '<meta name="date_published">' },
  { key: 'pubdate', role: 'published', confidence: 0.88, note: '<meta name="pubdate">' },
  { key: 'originalpublicationdate', role: 'published', confidence: 0.88, note: 'htmldate DATE_ATTRIBUTES' },
  { key: 'article_date_original', role: 'published', confidence: 0.88, note: 'htmldate DATE_ATTRIBUTES' },
  { key: 'cxenseparse:recs:publishtime', role: 'published', confidence: 0.88, note: 'Cxense tags on German news pages of dates-htmldate' },
  { key: 'parsely-pub-date', role: 'published', confidence: 0.88, note: 'Parse.ly tags on US news pages' },
  { key: 'sailthru.date', role: 'published', confidence: 0.86, note: 'Sailthru tags on US news pages' },
  { key: 'citation_publication_date', role: 'published', confidence: 0.86, note: 'Highwire/Google Scholar tags' },
  { key: 'citation_date', role: 'published', confidence: 0.85, note: 'Highwire/Google Scholar tags' },
  { key: 'citation_online_date', role: 'published', confidence: 0.84, note: 'Highwire/Google Scholar tags' },
  { key: 'dc.date.issued', role: 'published', confidence: 0.86, note: 'Dublin Core on institutional pages' },
  { key: 'dcterms.issued', role: 'published', confidence: 0.86, note: 'Dublin Core' },
  { key: 'dc.date.publication', role: 'published', confidence: 0.86, note: 'Dublin Core' },
  { key: 'dc.date', role: 'published', confidence: 0.72, note: 'Dublin Core <meta name="DC.date">: like name="date", often the last edit (deutscheweine.de)' },
  { key: 'dc.date', role: 'published', confidence: 0.72, note: 'Dublin Core' },
  { key: 'dcterms.date', role: 'published', confidence: 0.72, note: 'Dublin Core' },
  { key: 'date', role: 'published', confidence: 0.7, note: '<meta name="date"> (zeit.de, nachrichten.at); on German CMS pages often the last edit (caritas.de, ejwue.de), so a visible date may outrank it' },
  { key: 'rnews:datepublished', role: 'published', confidence: 0.86, note: 'rNews' },
  { key: 'bt:pubdate', role: 'published', confidence: 0.86, note: 'htmldate DATE_ATTRIBUTES' },
  { key: 'shareaholic:article_published_time', role: 'published', confidence: 0.86, note: 'Shareaholic tags on blogs' },
  { key: 'dc.created', role: 'created', confidence: 0.8, note: 'Dublin Core' },
  { key: 'dc.date.created', role: 'created', confidence: 0.8, note: 'Dublin Core' },
  { key: 'dcterms.created', role: 'created', confidence: 0.8, note: 'Dublin Core' },
  { key: 'dc:created', role: 'created', confidence: 0.8, note: 'Dublin Core' },
  { key: 'datecreated', role: 'created', confidence: 0.8, note: 'schema.org dateCreated' },
  { key: 'created', role: 'created', confidence: 0.75, note: '<meta name="created">' },
  { key: 'dateposted', role: 'published', confidence: 0.85, note: 'htmldate DATE_ATTRIBUTES' },
  { key: 'article:modified_time', role: 'modified', confidence: 0.45, note: 'Open Graph; used only when nothing better exists' },
  { key: 'og:updated_time', role: 'modified', confidence: 0.42, note: 'Open Graph' },
  { key: 'og:article:modified_time', role: 'modified', confidence: 0.42, note: 'Open Graph' },
  { key: 'datemodified', role: 'modified', confidence: 0.42, note: 'schema.org dateModified' },
  { key: 'dc.modified', role: 'modified', confidence: 0.4, note: 'Dublin Core' },
  { key: 'dcterms.modified', role: 'modified', confidence: 0.4, note: 'Dublin Core' },
  { key: 'last-modified', role: 'modified', confidence: 0.35, note: 'http-equiv Last-Modified' },
  { key: 'lastmodified', role: 'modified', confidence: 0.35, note: 'htmldate LAST_MODIFIED' },
];

/** schema.org types whose datePublished is the page's own, best first. */
export const JSONLD_ARTICLE_TYPES: readonly string[] = [
  'newsarticle', 'article', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'scholarlyarticle', 'techarticle', 'socialmediaposting',
  'liveblogposting', 'report', 'review', 'videoobject', 'podcastepisode', 'recipe', 'creativework', 'posting',
];
/** Types whose date describes the page only loosely (a container). */
export const JSONLD_PAGE_TYPES: readonly string[] = ['webpage', 'itempage', 'collectionpage', 'profilepage', 'aboutpage'];
/** Keys never descended into: dates there belong to other things (comments, parts, events). */
export const JSONLD_SKIP_KEYS: readonly string[] = [
  'comment', 'comments', 'review', 'reviews', 'haspart', 'relatedlink', 'citation', 'event', 'subjectof', 'video',
  'workexample', 'potentialaction', 'itemlistelement', 'mentions',
];

export const JSONLD_CONFIDENCE = {
  articlePublished: 0.94,
  pagePublished: 0.82,
  otherPublished: 0.78,
  created: 0.78,
  modified: 0.45,
  /** Unparseable JSON-LD read with a regex. */
  looseScan: 0.8,
} as const;

/** Keys in inline scripts (not JSON-LD) that name the publication date. */
export const SCRIPT_DATE_KEYS: readonly string[] = [
  'datePublished', 'publishDate', 'publishedDate', 'published_at', 'publishedAt', 'publish_date', 'date_published',
  'pubDate', 'pub_date', 'firstPublished', 'first_published_at', 'publicationDate', 'releaseDate', 'createdAt', 'dateCreated',
];
export const SCRIPT_KEY_CONFIDENCE = 0.6;

/* The regions whose dates are never the page's own: rules/page-regions.ts. */
/** Dates in a soft-excluded region (see rules/page-regions.ts) count this much. */
export const SOFT_REGION_FACTOR = 0.75;

/** itemprop values of visible elements whose value or text is a date of the page's item (schema.org microdata). */
export const DATE_ITEMPROP = /^(?:datepublished|datecreated|datemodified|dateupdated|pubdate|uploaddate)$/i;
/** The itemprop that declares the publication date: read even inside an excluded region (ahlen.de keeps it in the story's div.footer). */
export const DECLARED_PUBLISHED_ITEMPROP = /^datepublished$/i;
/** Class/id/itemprop words of a <time> that shows the publication date (WordPress entry-date, posted-on; news CMS pubdate). */
export const PUBLISHED_TIME_HINTS = /published|entry-date|pubdate|post-date|date-publ|created|posted/i;
/** hAtom dates: <abbr class="published" title="…"> (Blogger), <abbr class="updated">. */
export const HATOM_DATE_CLASS = /published|updated/;

/**
 * Class/id/itemprop tokens of elements that show the publication date, with a confidence
 * for a date read from their text. Earlier entries are more specific.
 */
export interface DateElementToken extends RuleRow {
  confidence: number;
}

export const DATE_ELEMENT_TOKENS: readonly DateElementToken[] = [
  { pattern: 'datepublished|date-published|date_published|published-date|publish-date|pubdate|publishdate|publication-date|entry-date|post-date|postdate|article-date|article__date|articledate|story-date|news-date|date-header|dateline|timestamp|post-meta-time|created-post|posted-on|posted_on', confidence: 0.8, note: 'WordPress entry-date, posted-on; news CMS article__date, pubdate' },
  { pattern: 'published|posted|submitted|veroeffentlicht|publie|publicado|pubblicato', confidence: 0.75, note: 'Drupal submitted, "published" spans' },
  { pattern: 'date|datum|fecha|data-pub|dat-|time|zeit|uhrzeit|heure', confidence: 0.7, note: 'generic date/Datum classes (htmldate DATE_EXPRESSIONS)' },
  { pattern: 'byline|author|autor|meta|subline|info|article-header|articleheader|entry-header|post-header|kicker|details|credits|stamp', confidence: 0.6, note: 'byline and post-meta blocks that carry the date beside the author' },
];

/** Tokens in a date element's class that mark it as a revision date. */
export const MODIFIED_ELEMENT_TOKENS = /updated|modified|aktualisiert|last-?edit|geaendert|revised|dateupdate/i;

/** Visible text scan limits. */
export const HTML_TEXT_LIMITS = {
  /** Date elements read per page (document order, article first). */
  maxDateElements: 40,
  /** Characters of an element's text examined. */
  maxElementChars: 160,
  /** Characters read after the <h1> when looking for a date near the title. */
  nearTitleChars: 800,
  /** Characters of the page's text read in the last-resort scan. */
  pageTextChars: 20_000,
} as const;

export const HTML_TEXT_CONFIDENCE = {
  /** A date near the <h1>, not inside a date element. */
  nearTitle: 0.55,
  /** Anywhere in the page's text: the last resort. */
  pageText: 0.3,
  /** Anywhere but comments, when the article regions hold no date at all (falstaff.de keeps its date in a "sidebar"). */
  pageTextRescue: 0.15,
  /** <time datetime> with pubdate / itemprop=datePublished / a published class. */
  timePublished: 0.88,
  /** The first plain <time datetime> in the article. */
  timeFirst: 0.78,
  /** Later plain <time> elements. */
  timeOther: 0.5,
  timeModified: 0.4,
  /** <time itemprop=datePublished> inside an excluded region (ahlen.de keeps it in the story's div.footer). */
  timeExcludedPublished: 0.2,
  /** Full Y/M/D in the URL path. */
  url: 0.8,
  /** An <abbr class="published" title="…"> (hAtom). */
  abbrPublished: 0.85,
} as const;
