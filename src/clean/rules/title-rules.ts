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
