/**
 * Photo credits: a line holding one is a caption (or a bare credit), not article text.
 * Regex sources, case-insensitive unless said otherwise.
 */

import type { RuleRow } from './rule-row.js';

/** Credits that end a caption line. */
export const CAPTION_END_CREDITS: readonly RuleRow[] = [
  { pattern: '[—–-]\\s*(?:PID|APP|AFP|AP|Reuters|EPA|Getty Images|File|Online|INP|PPI|NNI|Agencies|Xinhua)\\.?', note: 'seed 001 "… on July 14, 2021. — PID" (Pakistani press photos)' },
  { pattern: '\\((?:AP|AFP|Reuters|EPA|Getty|File)(?: Photo| Images)?[^)]{0,80}\\)', note: 'wire captions "(AP Photo/Damian Dovarganes)"' },
  { pattern: '(?:photo|foto|image|picture|credit|bild|photograph)s?\\s*:\\s*[^.]{2,80}', note: 'ctpost.com "Photo: Damian Dovarganes, AP" (scrapinghub set)' },
  { pattern: '©\\s*[^.]{2,80}', note: 'zeit.de "… Pennsylvania © Noah Addis" (dates-htmldate set)' },
  { pattern: '(?:[.!?]|\\.\\.\\.)\\s+(?:less|more)', note: 'ctpost.com gallery captions ending in an expand/collapse toggle "… less"' },
];

/** Credits inside a line: the caption ends there and another text (a summary) follows. */
export const CAPTION_MID_CREDITS: readonly RuleRow[] = [
  { pattern: '\\bFile Photos?\\b', note: 'seed 003 "… Shah Mehmood Qureshi. File Photos Qureshi tells Blinken …"' },
  { pattern: '[—–-]\\s*PID\\b', note: 'seed 001 style credit followed by more text' },
];

/** A bare credit line ("Photo: Reuters", "Getty Images"): always a caption. */
export const CREDIT_LINES: readonly RuleRow[] = [
  { pattern: '(?:photo|foto|image|picture|credit|bild|photograph|source)s?\\s*(?:credit)?\\s*:\\s*.{2,80}', note: 'ctpost.com "Photo: Damian Dovarganes, AP" (scrapinghub set)' },
  { pattern: '(?:AP|AFP|Reuters|Getty Images|EPA|Shutterstock|iStock)(?:\\s*/\\s*.{2,60})?', note: 'bare agency credits under photos' },
  { pattern: '(?:photo|photograph|image|picture|illustration)s?\\s+(?:by|courtesy(?:\\s+of)?)\\s+[^.!?]{2,80}', note: 'credits written with "by": nationalgeographic.co.uk "Photograph by Ed Marshall, Redonda Restoration Programme" (trafilatura-dev set)' },
];
