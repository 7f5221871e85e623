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
  { pattern: '\\(?(?:quelle|quellen|source|sources|fonte|fuente)\\s*:\\s*[^\\n]{1,90}|quellenangaben\\s*:?', note: 'source and photo-source lines "Quelle: Deutscher Jagdverband (DJV)", "(Quelle: Fleischmann/Unsplash/DJV)" (natuerlich-jagd.de, jagdverband.de, handwerksblatt.de, trafilatura-dev set)' },
  { pattern: '(?:(?:(?:rezept|recipe) (?:drucken|print)|print (?:this )?recipe|pinnen|(?:bei|auf) pinterest (?:speichern|merken)|save (?:to|on) pinterest|jump to recipe|zum rezept springen)\\s*)+', note: 'recipe-card buttons, alone or in a row: "Rezept drucken Bei Pinterest speichern", "Pinnen" (backenmachtgluecklich.de, WP Recipe Maker, trafilatura-dev set)' },
  { pattern: '(?:suggested citation|zitiervorschlag|zitierweise|diese folge zitieren|cite this (?:article|post|episode))\\s*:?\\s.{0,300}', note: 'citation lines after blog posts and podcast episodes (verfassungsblog.de "SUGGESTED CITATION …", resonator-podcast.de "Diese Folge zitieren: …", trafilatura-dev set)' },
  { pattern: 'dieses thema im programm:.{0,200}', note: 'ARD broadcasters\' programme line closing a story "Dieses Thema im Programm: MDR THÜRINGEN - Das Radio | …" (mdr.de, trafilatura-dev set)' },
  { pattern: 'inhaltsverzeichnis|table of contents|sommaire|índice|indice', note: 'table-of-contents labels above the story (silkes-weinkeller.de "Inhaltsverzeichnis", trafilatura-dev set)' },
  { pattern: '\\(?(?:alle )?angaben ohne gewähr\\.?\\)?', note: '"Alle Angaben ohne Gewähr" disclaimers (handwerksblatt.de, trafilatura-dev set)' },
  { pattern: 'teilen sie dies mit:?', note: 'WordPress.com sharing block in German ("Share this:"; mitundvoneinander.wordpress.com, trafilatura-dev set)' },
  { pattern: '.{0,40}\\bals pdf (?:herunterladen|downloaden)|download (?:this |the )?.{0,30}as pdf', note: 'download links "Dieses Skript als PDF herunterladen" (ndr.de, trafilatura-dev set)' },
];

/** Headings that open a list of other stories after the article: the article ends there (after enough body). */
export const HTML_TRAILER_LINES: readonly RuleRow[] = [
  { pattern: 'more (?:great |top |recent )?(?:[\\p{L}.]+ ){0,2}(?:stories|articles|news|reads)', note: 'wired.com "More Great WIRED Stories" (scrapinghub set)' },
  { pattern: 'explore further', note: 'phys.org "Explore further" box of related stories after the article (scrapinghub set)' },
  { pattern: '(?:recent|latest|popular|related|other|top) (?:articles|stories|posts|news)', note: 'autoindustriya.com "RECENT ARTICLES" (scrapinghub set)' },
  { pattern: 'weiterführende (?:informationen|links)|weitere (?:informationen|infos|meldungen|nachrichten)', note: 'German pages: links and other stories after the story (bfn.de "Weiterführende Informationen", auto-presse.de "Weitere Meldungen", trafilatura-dev set)' },
  { pattern: 'mehr zum thema auf [\\p{L}\\d.-]{2,40}|weiterlesen|(?:artikel|audios?) und videos zum thema|(?:audios? et )?vidéos sur le (?:même )?sujet', note: 'German and French related-links headings (uepo.de "Mehr zum Thema auf UEPO.de", l-mag.de "Weiterlesen:", spox.com, dw.com, trafilatura-dev set)' },
  { pattern: 'über (?:den|die) autor(?:in)?|about the author', note: 'author boxes after the story (weinkenner.de "Über den Autor", trafilatura-dev set)' },
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
  { pattern: '(?:publiziert|erschienen)\\s*(?:am\\s*)?:?\\s*\\d.{0,40}', note: 'Swiss and German "Publiziert: 03.04.2020, 12:35" closing the story (tagesanzeiger.ch, trafilatura-dev set)' },
];

/**
 * Notices about the text rather than text of the story: affiliate-link disclosures,
 * licence lines, "the author's opinion" disclaimers. Regex sources matched from the start
 * of a block of at most disclosureMaxChars, case-insensitively.
 */
export const HTML_DISCLOSURE_LINES: readonly RuleRow[] = [
  { pattern: '.{0,160}\\baffiliate[- ]?links?\\b', note: 'affiliate-link notices "* Links mit Sternchen sind sogenannte Affiliate-Links" (careelite.de, peppermynta.de, haustiermagazin.com, trafilatura-dev set)' },
  { pattern: '.{0,120}\\b(?:eine )?provision (?:erhält|erhalten|bekommt|bekommen)', note: '"Dieser Artikel kann Links zu Anbietern enthalten, von denen outdoor-magazin eine Provision erhält" (outdoor-magazin.com, trafilatura-dev set)' },
  { pattern: 'this (?:post|article|page) (?:may )?contains? (?:affiliate links|references to products)', note: 'thepointsguy.com advertiser notice above the story (trafilatura-dev set)' },
  { pattern: '(?:dieser|der) (?:text|beitrag|artikel) (?:wurde |ist )?(?:veröffentlicht |lizenziert )?unter (?:der|einer) (?:lizenz|creative)|this (?:work|text|article|post) is licensed under', note: 'licence lines closing a story "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE" (fluter.de, trafilatura-dev set)' },
  { pattern: '(?:dieser |der )?(?:text|artikel|beitrag) entspricht den (?:vorgaben|standards|anforderungen)|medically reviewed by|fact[- ]checked by', note: 'medical review notes "Dieser Text entspricht den Vorgaben der ärztlichen Fachliteratur …" (onmeda.de, trafilatura-dev set)' },
  { pattern: '(?:dieser )?beitrag gibt (?:nur |ausschließlich )?die meinung de[rs] autor|the views expressed (?:in this|here)', note: 'opinion disclaimers "Dieser Beitrag gibt die Meinung des Autors wieder" (freitag.de community blogs, trafilatura-dev set)' },
];

/**
 * Calls to action that close a story: subscribe, follow, support, write to us. Searched
 * anywhere in a short block, and only among the blocks after the story's last paragraph
 * (classify.ts trimTail), where a sentence of the story would not be.
 */
export const HTML_TAIL_CALL_TO_ACTION: RuleRow = {
  pattern: '^weitere (?:infos|informationen) (?:(?:gibt.s |finden sie |findest du )?(?:unter|auf) (?:www\\.|https?:|[\\w-]+\\.(?:de|com|org|net|at|ch)\\b)|zu[mr]? [^.]{0,80}:$)|in den kommentaren|in the comments|hinterlasse\\w* (?:\\w+ ){0,2}(?:einen )?kommentar|\\b(?:unser\\w*|our) (?:\\w+ )?\\w*newsletter|abonnier|subscribe|sign up|suscr[ií]b|inscrivez|iscriviti|\\b(?:folg|follow)\\w* (?:uns|us)\\b|unterstütz\\w* (?:uns|unsere)|support\\w* (?:us|our)|escribirnos|schreiben sie uns|schreib uns',
  note: 'closing appeals: btv.de "Weitere Infos unter www.itfjuniors.de.", houzz.de "Verraten Sie gerne in den Kommentaren:", diem25.org "Sign up here", elpais.com "Puede escribirnos … suscribirse aquí a nuestra newsletter", verfassungsblog.de "would you consider supporting our work", mix1.de "Schauen Sie mal in unseren Musiknewsletter!", tag24.de "Wir bei WhatsApp" (trafilatura-dev set)',
};

/**
 * Channels named alone that make a short closing line a call to action ("Wir bei WhatsApp",
 * "Unser Newsletter"). Only in blocks up to tailChannelMaxChars: a story's last paragraph may
 * well name WhatsApp, Telegram or a newsletter in a sentence of its own.
 */
export const HTML_TAIL_CHANNEL_WORDS: RuleRow = {
  pattern: 'newsletter|whatsapp|telegram',
  note: 'tag24.de "Wir bei WhatsApp" (trafilatura-dev set)',
};

/**
 * What an embed shows until the reader consents to a third party: a label ("Externer
 * Inhalt") and a privacy note. Regex sources matched from the start of a block of at most
 * disclosureMaxChars, case-insensitively.
 */
export const HTML_CONSENT_LINES: readonly RuleRow[] = [
  { pattern: '(?:empfohlener )?(?:redaktioneller |externer )inhalt|(?:recommended )?external content|(?:twitter|x|youtube|instagram|facebook|tiktok|vimeo|spotify|podcast|video|inhalte?) (?:freischalten|aktivieren|laden)', note: 'labels of blocked embeds: munich2022.com "Externer Inhalt", omr.com "Empfohlener redaktioneller Inhalt", amnesty.de "Twitter freischalten" (trafilatura-dev set)' },
  { pattern: '.{0,40}(?:wir respektieren (?:deine|ihre|eure) privatsphäre|an dieser stelle (?:findet ihr|findest du|finden sie) einen externen inhalt|um (?:deine|ihre|eure) (?:persönlichen )?daten zu schützen, haben wir|we respect your privacy|to protect your (?:personal data|privacy), we (?:have )?blocked)', note: 'privacy notes of blocked embeds (amnesty.de, omr.com, munich2022.com, trafilatura-dev set)' },
];

/** Captions written into the story's own paragraphs: a figure label or an "enlarge" button before the caption text. */
export const HTML_CAPTION_LINES: readonly RuleRow[] = [
  { pattern: '(?:abbildung|abb\\.|figure|fig\\.)\\s*\\d*\\s*:\\s*.{2,250}', note: 'figure captions "Abbildung 4: klassische Schwachschicht." (baechli-bergsport.ch, gipfelbuch.ch, trafilatura-dev set)' },
  { pattern: '(?:vergrößern|enlarge)\\s+.{2,250}', note: 'IDG image boxes whose zoom button reads into the caption "Vergrößern Eine kleine runde Aussparung …" (macwelt.de, trafilatura-dev set)' },
];

/**
 * Error messages a server-side script printed into the page ("Warning: … in /www/htdocs/…
 * on line 407"): PHP sites left unmaintained. Regex source matched against a whole block of
 * at most disclosureMaxChars, case-insensitively.
 */
export const HTML_SCRIPT_ERROR_LINE: RuleRow = {
  pattern: '(?:warning|notice|deprecated|strict standards|fatal error|parse error)\\s*:\\s.{0,360}?\\bon line\\s+\\d+\\.?',
  note: 'PHP warnings in old WordPress blogs and CMSs (einfachspanien.de, colours-of-the-soul.alhelm.net, seelenradio.de, trafilatura-dev set)',
};
