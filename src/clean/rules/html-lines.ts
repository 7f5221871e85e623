/**
 * Whole-block furniture phrases met inside HTML article containers, on top of the shared
 * BOILERPLATE_LINES. Regex sources matched against the whole trimmed block, case-insensitively.
 */

import type { RuleRow } from './rule-row.js';

export const HTML_BOILERPLATE_LINES: readonly RuleRow[] = [
  { pattern: 'advert|anuncio|werbung|publicité|iklan|reklama|pubblicità', note: 'morebikes.co.uk "Advert" slots between paragraphs (scrapinghub set)' },
  { pattern: 'tags?:?|labels?:?|schlagwörter:?|étiquettes:?', note: 'tag-list headings closing posts ("Tags", scrapinghub set)' },
  { pattern: 'this slideshow requires javascript\\.?', note: 'WordPress Jetpack slideshow placeholder (morebikes.co.uk, scrapinghub set)' },
  { pattern: 'text size|order reprints|print article|print this article|reprints', note: 'barrons.com article tools (scrapinghub set)' },
  { pattern: 'trending:?|breaking(?: news)?:?|most popular:?', note: 'thehill.com "TRENDING:" rail label (scrapinghub set; that label now falls outside the chosen article, so tests/html-lines-rules.test.ts pins the row)' },
  { pattern: 'by|von|par|por', note: 'a bare "By" whose name is a separate link (barrons.com, scrapinghub set)' },
  { pattern: 'tell us what you think\\.*', note: 'morebikes.co.uk comment prompt (scrapinghub set)' },
  { pattern: '\\d+\\s*shares?|\\d+\\s*comments?', note: 'share and comment counters "0shares" (theantijunecleaver.com, scrapinghub set)' },
  { pattern: '(?:filed under|posted in|categories|category|categoria|kategorie|catégorie|related (?:roundup|topics?|coverage))\\s*:.{0,150}', note: '"Filed under: Syi\'ah |" (scrapinghub set), macrumors.com "Related Roundup: MacBook Pro"' },
  { pattern: '.{0,30}(?:publicado por|posted by|publié par|veröffentlicht von)\\b.{0,200}', note: 'post meta lines "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: …" (scrapinghub set)' },
  { pattern: 'this document is subject to copyright\\..{0,300}', note: 'phys.org notice after stories (scrapinghub set)' },
  { pattern: 'citation: .{0,200}retrieved .{0,300}', note: 'phys.org citation line after stories (scrapinghub set)' },
  { pattern: '.{0,80}\\b(?:getty images|shutterstock|istock(?:photo)?)', note: 'photo credits "Natalie Naccache | Bloomberg | Getty Images" (cnbc.com, scrapinghub set)' },
  { pattern: 'this copy is for your personal,? non-commercial use only\\..{0,300}', note: 'Dow Jones print notice above barrons.com stories (scrapinghub set)' },
  { pattern: "(?:don'?t miss|read next|up next|what to read next)", note: 'express.co.uk "DON\'T MISS" inset between paragraphs: a label, the story goes on after it (scrapinghub set)' },
  { pattern: '(?:subscribe|sign up) (?:to|for) [^.!?]{2,120}[.!?]?', note: 'wired.com "Subscribe to WIRED and stay smart with more of your favorite Ideas writers." (scrapinghub set)' },
  { pattern: '(?:get|sign up for|subscribe to) .{0,80}(?:in|to) your inbox\\b.{0,120}', note: 'nj.com "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters." (scrapinghub set)' },
];

/** Headings that open a list of other stories after the article: the article ends there (after enough body). */
export const HTML_TRAILER_LINES: readonly RuleRow[] = [
  { pattern: 'more (?:great |top |recent )?(?:[\\p{L}.]+ ){0,2}(?:stories|articles|news|reads)', note: 'wired.com "More Great WIRED Stories" (scrapinghub set)' },
  { pattern: 'explore further', note: 'phys.org "Explore further" box of related stories after the article (scrapinghub set)' },
  { pattern: '(?:recent|latest|popular|related|other|top) (?:articles|stories|posts|news)', note: 'autoindustriya.com "RECENT ARTICLES" (scrapinghub set)' },
];

/**
 * Words of a trailer marker that opens reader comments: such a marker ends the article
 * even when much prose follows it (that prose is the comments), where a "Related news"
 * box may be an inset in the story (moneycontrol.com, scrapinghub set). Regex source,
 * case-insensitive, searched anywhere in the marker.
 */
export const COMMENT_MARKER_WORDS: RuleRow = { pattern: 'comment|kommentar|reply|repl|respuesta|reacties|commenti|comentario', note: 'comment section headings in English, German, Spanish, Dutch and Italian ("Leave a Reply", "Kommentare", "Reacties")' };

/** Labelled date lines of article heads ("Published 1 day ago", "Updated at 1:23 p.m."): datelines, not body. */
export const HTML_DATE_LABEL_LINES: readonly RuleRow[] = [
  { pattern: '(?:published|updated|posted|last updated|modified|first published)\\b.{0,60}', note: 'snopes.com "Published 1 day ago", thehill.com "Updated at 1:23 p.m." (scrapinghub set)' },
  { pattern: '(?:veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\\b.{0,60}', note: 'the same labels on German, French, Spanish, Italian pages' },
];
