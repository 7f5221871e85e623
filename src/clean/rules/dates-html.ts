/**
 * Where HTML pages keep their publication date: meta names, JSON-LD types and keys,
 * date-ish class/id tokens, and the page regions whose dates are never the page's own.
 * The confidences of rows here are calibrated against the weights of the HTML sources in
 * rules/dates-weights.ts (the assembler takes the max).
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
  { key: 'dc.date', role: 'published', confidence: 0.5, note: 'Dublin Core <meta name="DC.date">: like name="date", often the last edit (deutscheweine.de, acpjournals.org): below a visible date line near the title' },
  { key: 'dcterms.date', role: 'published', confidence: 0.5, note: 'Dublin Core' },
  { key: 'date', role: 'published', confidence: 0.54, note: '<meta name="date"> (zeit.de, nachrichten.at); on German CMS pages often the last edit (caritas.de, ejwue.de), so a visible date line near the title (≥ 0.55) outranks it, a date in prose does not' },
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

/** Keys in inline scripts (not JSON-LD) that name the publication date. */
export const SCRIPT_DATE_KEYS: readonly string[] = [
  'datePublished', 'publishDate', 'publishedDate', 'published_at', 'publishedAt', 'publish_date', 'date_published',
  'pubDate', 'pub_date', 'firstPublished', 'first_published_at', 'publicationDate', 'releaseDate', 'createdAt', 'dateCreated',
];
/* The regions whose dates are never the page's own: rules/page-regions.ts. */
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

/** Dates in the page URL's path (year, month, day: the order htmldate reads too). */
export const URL_DATE_PATTERNS: readonly { re: RegExp; note: string }[] = [
  { re: /(?<![\d])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?![\d])/, note: 'WordPress /2021/07/14/slug, news /2021-07-14-slug' },
  { re: /(?<=[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/, note: '/20210714/ and -20210714- (archive paths)' },
];
