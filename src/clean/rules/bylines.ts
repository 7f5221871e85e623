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

/** Lower-case joiners allowed between the capitalised names of a byline: "Tom and Jerry", "Ludwig van Beethoven". */
export const NAME_JOINERS: readonly string[] = ['and', 'und', 'et', 'y', 'e', 'en', 'og', 'och', '&', 'de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'di', 'bin', 'al', 'el'];

/**
 * What may follow the name on a prefixed byline line (a date, a role, a place); it is cut
 * off. Regex sources, case-insensitive, matched from where the tail starts to the line end.
 */
export const BYLINE_TAILS: readonly RuleRow[] = [
  { pattern: '\\s+[|•·]\\s+.*$', note: 'byline rows "By Jane Doe | July 14, 2021" (separator, then date or section)' },
  { pattern: '\\s*,?\\s+(?:published|updated|posted)\\b.*$', note: 'byline rows "By Jane Doe, Published 10:32 AM"' },
  { pattern: '\\s+(?:on|am|le|el|il|op)\\s+(?=.*\\d{4}).*$', note: 'byline rows with a date after a preposition: "By Jane Doe on July 14, 2021", "Von Heike Buchter am 14. Juli 2021"' },
];

/** A name prefix in a <meta name="author"> value; the byline is the rest. */
export const META_AUTHOR_PREFIX = /^(?:by|von|par|por)\s+/i;
export const META_AUTHOR_PREFIX_NOTE = '"By Carrie Arnold" in a meta author (quantamagazine.org, scrapinghub set)';
