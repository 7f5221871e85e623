/** Byline shapes in text dumps. Patterns are regex sources matched case-insensitively on a whole line. */

import type { RuleRow } from './rule-row.js';

/** Words that introduce the author's name; the byline is what follows. */
export const BYLINE_PREFIXES: readonly RuleRow[] = [
  { pattern: 'by', note: 'seed 004 "By Our Diplomatic Correspondent"' },
  { pattern: 'written by|posted by|reported by|story by|words by', note: 'blog and news bylines' },
  { pattern: 'von', note: 'zeit.de "Von Heike Buchter" (dates-htmldate set)' },
  { pattern: 'par', note: 'French bylines "Par Jean Dupont"' },
  { pattern: 'por', note: 'Spanish/Portuguese bylines "Por María López"' },
  { pattern: 'di', note: 'Italian bylines "di Mario Rossi"' },
  { pattern: 'door', note: 'Dutch bylines "Door Jan de Vries"' },
  { pattern: 'av|af', note: 'Scandinavian bylines "Av Kari Nordmann"' },
  { pattern: 'autor(?:in)?:|author:', note: 'labelled author lines "Autor: …"' },
];

/** Whole-line bylines without a prefix: staff credits of South Asian and wire papers. */
export const STAFF_BYLINES: readonly RuleRow[] = [
  { pattern: '(?:our|staff|special|senior|political|diplomatic|news|court|sports|business) ?(?:\\w+ )?(?:correspondent|reporter|writer)', note: 'seed 004 "Our Diplomatic Correspondent"; Dawn/The News "Our Staff Reporter"' },
  { pattern: '(?:news|web|monitoring|online|sports|city|foreign) desk', note: 'Pakistani papers\' "Web Desk", "Monitoring Desk"' },
];

/** "Name Surname, Role" lines: a name followed by a newsroom role. */
export const ROLE_WORDS = 'writer|reporter|correspondent|editor|columnist|contributor|journalist|staff|redakteur(?:in)?|journaliste|periodista|giornalista';
export const ROLE_WORDS_NOTE = 'ctpost.com "Tom Krisher, Ap Auto Writer" (scrapinghub set)';
