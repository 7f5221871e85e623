/**
 * Lines above a story that look like headlines but are not (regex sources, case-insensitive,
 * searched anywhere in the line). Seen in the scrapinghub text dumps.
 */

import type { RuleRow } from './rule-row.js';

export const NOT_TITLE_PATTERNS: readonly RuleRow[] = [
  { pattern: '@|https?://|www\\.', note: 'author contact lines "Sarah.Needleman@wsj.com", "Catherine Shu @catherineshu / 2 days"' },
  { pattern: '^(?:by|posted|updated|published|share|copy|watch|tested by|written by)\\b', note: '"By Tim Childers - Live Science Contributor …", "Posted on Maret 30, 2015 by Admin", "Copy Link URLCopied!"' },
  { pattern: '\\b\\d{1,2}:\\d{2}\\b', note: 'time stamps "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM"' },
  { pattern: '\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b', note: 'post meta lines "Carlos Nadalim 27/09/2018 Comente! Alfabetização, …"' },
  { pattern: '\\bread more\\b|»|«', note: 'teaser links "Maharashtra | Sonia Gandhi … - Read More »»"' },
  { pattern: '\\b(?:tempo de leitura|reading time|min(?:ute)?s? read|lesezeit|temps de lecture|tiempo de lectura)\\b', note: 'reading-time labels "Tempo de leitura: 1 minuto"' },
  { pattern: '\\bby \\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+$', note: 'teaser lines ending in an author "… fight by Bryan DeArdo"' },
  { pattern: '#\\w|\\ball opinions are mine\\b', note: 'sponsored-post disclosures "… #CollectiveBias, Inc. … #ad"' },
];

/**
 * Class names of a headline's leading kicker ("Klimaschutz" above "Bohren, bis es heiß
 * wird"): dropped from the title when more text follows it in the heading. Regex sources,
 * case-insensitive, searched in the element's class attribute.
 */
export const HEADLINE_KICKER_CLASS: readonly RuleRow[] = [
  { pattern: 'kicker|overline|topline|eyebrow|supertitle|super-title', note: 'zeit.de "article-heading__kicker", cicero.de "teaser-small__kicker" (trafilatura-dev)' },
  { pattern: 'roofline|dachzeile|spitzmarke', note: 'autozeitung.de, selbst.de "article-header__roofline", tagesschau.de "dachzeile" (trafilatura-dev)' },
  { pattern: '\\blabel\\b', note: 'forum thread prefixes "<span class=label>Patch Notes</span>" (XenForo, trafilatura-dev)' },
];

/** Separators between a headline and the site or section names around it in a <title> (regex source, spaces required around). */
export const TITLE_SEPARATOR = '[|–—»·•/-]+|::';

export const TITLE_SETTINGS = {
  /** Headings read per level (h1, then h2). */
  maxHeadings: 12,
  /** A heading this long is a paragraph set as one. */
  maxChars: 300,
  /** Agreement (0–1) a heading needs with a metadata title to be the title. */
  minHeadingAgreement: 0.5,
  /** Agreement of a heading equal to the <title> or twitter:title (og:title and JSON-LD headline: 1). */
  documentMatch: 0.95,
  /** Agreement of a heading equal to the leading segments of a metadata title ("Ben Wilson Surf" of "Ben Wilson Surf - Point of Sail - …"). */
  leadingSegmentMatch: 0.9,
  /** Agreement of a heading equal to later segments holding the longest one ("Zoll online - Fachmeldungen - Verkündung des …"). */
  longestSegmentMatch: 0.85,
  /** Word overlap (Dice) counts this much: a rewritten headline agrees less than an equal one. */
  wordOverlapWeight: 0.8,
  /** h2 headings lose this much against h1 headings (less than og:title beats <title> by). */
  h2Penalty: 0.03,
};
