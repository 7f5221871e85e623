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

/**
 * Words in an element's class, id, itemprop, rel or data-testid that make it an author
 * element, whose text is read as the byline (regex sources, case-insensitive, searched in
 * those attributes joined). trafilatura's author XPaths read the same names.
 */
export const AUTHOR_ELEMENT_NAME: readonly RuleRow[] = [
  { pattern: 'author(?!ity)|byline|\\bbyl\\b', note: 'rel=author, itemprop=author, .byline, .post-author (WordPress), abc13.com data-testid="prism-byline" (trafilatura-dev)' },
  { pattern: 'writer|journalist|verfasser|\\bautor|auteur|submitted-by|posted-by', note: 'German and French CMS author boxes (trafilatura-dev)' },
];

/**
 * Words after which an author element's text names the author ("Veröffentlicht am 8.
 * Februar 2022 von PETA-Team", "Post author By Helge Fahrnberger", "Par Kab Niang"); what
 * comes before is dropped. Regex sources, case-insensitive, followed by an optional colon.
 */
export const BYLINE_TEXT_PREFIX: readonly RuleRow[] = [
  { pattern: 'by|von|vom|par|por|door|av|af|di', note: 'the byline prefixes of BYLINE_PREFIXES, inside author elements (trafilatura-dev)' },
];

/** Labels before an author's name: "Autor: Peter Maahn", "Text & Fotos: Ivan Valetny" (regex sources, case-insensitive, then a colon). */
export const BYLINE_LABEL: readonly RuleRow[] = [
  { pattern: '(?:\\p{L}+\\s+)?(?:autor(?:in)?|author|auteur|verfasser(?:in)?|text(?:\\s*(?:&|und)\\s*fotos?)?|fotos?)', note: 'autohaus.de "Autor: Peter Maahn", petri-heil.ch "Text & Fotos: …", francais.radio.cz "Auteur: …" (trafilatura-dev)' },
];

/**
 * Where the names in an author element's text end: a separator, a date, a role or a
 * "published" label (regex sources, case-insensitive, searched after the prefix).
 */
export const BYLINE_CUT: readonly RuleRow[] = [
  { pattern: '\\s*[|•·»«]|\\s[-–—]+\\s|\\s*@', note: '"By John Walk - January 10, 2020", "Gunter Frank / 22.04.2020", "By April Roach@aprilroach28"' },
  { pattern: '(?:,\\s*|\\s+)(?:(?:on|at|am|um|le|el|il|den|the|vom|à)\\s+)?\\d', note: '"Janic Cathomen, 01.12.2021", "Par Kab Niang Le 17/02/2020", "von Ulrike 18.10.2019 16:06 Uhr", Blogger "Posted by … at 18:52"' },
  { pattern: '\\s+(?:published|updated|posted|veröffentlicht|aktualisiert|stand:|mitglied|follow\\b|folgen\\b|alle (?:artikel|beiträge)|all (?:articles|posts)|more (?:from|by)|mehr von|is an?\\s|ist\\s|leitet\\s)', note: '"Steven Salentin Mitglied der Tonight News-Redaktion", "Inga Hoeltmann Follow …", author boxes that go on with a bio' },
];

/** Texts that are never a byline: comment headers, form labels, links, handles (regex sources, case-insensitive, searched). */
export const BYLINE_NOT_NAME: readonly RuleRow[] = [
  { pattern: '\\b(?:says|sagt|said|schreibt|antworten|reply)\\b|^name\\b', note: 'comment headers "Kersti Wolnow sagt:", comment forms "Name *" (trafilatura-dev)' },
  { pattern: '^(?:by|von|posted|written|autor|author):?$', note: 'a prefix or label whose name is in another element' },
  { pattern: '^\\d|\\.(?:txt|html?|php)\\b|\\bmin(?:ute)?s? read\\b', note: 'rel=author links to humans.txt, reading times "1 Min Read" (scrapinghub, dates-htmldate)' },
  { pattern: 'https?:|^@|\\bno author\\b', note: 'meta authors that are a link, a handle or a placeholder: a Facebook page, "@NatGeoUK", japantimes.co.jp "No Author"' },
  { pattern: '\\b(?:gmbh|e\\.\\s?v\\.|inc|ltd|llc|verlag)\\b', note: 'meta authors naming the publisher: "Hanns-Seidel-Stiftung e.V.", "Web Commerce GmbH"' },
];

export const BYLINE_SETTINGS = {
  /** Author elements read, in document order. */
  maxElements: 40,
  /** An author element with more text than this is an author box or a container, not a byline. */
  maxElementChars: 200,
  /** Words of one credit that is not only capitalised names ("Richard David Precht im Gespräch mit Karin Fischer"). */
  maxCreditWords: 8,
  /** Longest byline kept (several names). */
  maxNameChars: 100,
  /** Text allowed before the prefix word ("Veröffentlicht am 8. Februar 2022 von", "Donnerstag, 4. November 2021 von"). */
  maxPrefixChars: 60,
};
