/**
 * Page furniture that shows up as lines of a text dump. Each pattern (regex source, no
 * flags) must match the whole trimmed line, case-insensitively.
 */

import type { RuleRow } from './rule-row.js';

export const BOILERPLATE_LINES: readonly RuleRow[] = [
  { pattern: 'skip to (?:main )?(?:content|navigation|main)', note: 'seed 002: accessibility link at the top of a Blogger page' },
  { pattern: 'advertisement|advertisment|ad|sponsored|sponsored content|anzeige|publicité|publicidad', note: 'ad slot labels inside stories (ctpost.com, scrapinghub set)' },
  { pattern: '(?:story )?continues? (?:below|after) (?:the )?(?:advertisement|ad)', note: 'ad slot labels inside stories' },
  { pattern: 'continue reading(?: the main story| below)?', note: 'NYT-style "Continue reading the main story" between paragraphs' },
  { pattern: 'share(?: this)?(?: article| story| post| page)?(?: on \\w+)?:?|share on \\w+|tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|messenger', note: 'share buttons rendered as lines' },
  { pattern: 'share (?:this )?(?:with|via|on) [\\w ]{2,20}|copy (?:this )?link|these are external links and will open in a new window|read more about sharing\\.?', note: 'bbc.com share panel "Share this with Messenger" (dates-htmldate set)' },
  { pattern: 'sign (?:in|up)|log ?in|register|subscribe(?: now)?|newsletter(?:s)?|menu|search|close|home|back to (?:top|gallery)|return to top|zurück|retour|volver|indietro', note: 'navigation and account links (ctpost.com header, scrapinghub set)' },
  { pattern: 'image \\d+ of \\d+|image \\d+ of / \\d+|\\d+ ?/ ?\\d+|caption|expand|enlarge this image|toggle caption|hide caption', note: 'photo gallery controls (ctpost.com, scrapinghub set)' },
  { pattern: 'click here.*|tap here.*', note: 'call-to-action links' },
  { pattern: 'sharing is caring!?|show more sharing options|(?:x )?share via|follow [\\p{L} ]{1,20} on|edit profile ?sign out|sign out', note: 'share and account widgets above stories (scrapinghub set: usatoday.com "Show more sharing options", rt.com "Follow RT on")' },
  { pattern: '(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,60}newsletters?.*', note: 'newsletter boxes inside stories' },
  { pattern: '(?:follow|like) us on .{0,60}', note: 'social follow boxes' },
  { pattern: '(?:copyright\\s*)?(?:©|\\(c\\)|copyright)\\s*(?:\\d{4}|\\p{L}).{0,150}', note: 'copyright footers (ctpost.com "© 2019 Hearst Communications, Inc."; hildesheimer-presse.de "Copyright © 2023 …", dates-htmldate set)' },
  { pattern: 'all rights reserved\\.?', note: 'copyright footers' },
  { pattern: '(?:privacy (?:policy|notice)|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings)|contact us|about us)', note: 'footer links (ctpost.com, scrapinghub set)' },
  { pattern: 'we use cookies.{0,300}', note: 'cookie banners' },
  { pattern: 'this (?:site|website) uses cookies.{0,300}', note: 'cookie banners' },
  { pattern: 'zum inhalt springen|zur navigation|anmelden(?: / registrieren)?', note: 'zeit.de header (dates-htmldate set)' },
  { pattern: 'exklusiv für abonnenten', note: 'zeit.de paywall label (dates-htmldate set)' },
  { pattern: 'aller au contenu(?: principal)?|ir al contenido(?: principal)?|vai al contenuto', note: 'skip links of French, Spanish, Italian pages' },
  { pattern: '(?:(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura)\\s*:?\\s*)?(?:ca\\.\\s*)?\\d+\\s*(?:-\\s*\\d+\\s*)?(?:min(?:ute)?s?\\.?|minuten?)(?:\\s*(?:read|reading|lesezeit|lesen|de lecture|di lettura|de lectura))?', note: 'reading-time lines "4 Min Read" (reuters.com, trafilatura-dev set), "Lesezeit: 3 Minuten"' },
  { pattern: '(?:comments? feed|comments? (?:are )?closed|trackback(?: url)?|permalink)(?:\\s*\\|\\s*(?:comments? feed|comments? (?:are )?closed|trackback(?: url)?|permalink))*', note: 'blog post meta rows "Comment feed | Comments closed | Trackback URL" (issue 15)' },
];

/** Lines starting like these are links to other stories, not part of this one. */
export const BOILERPLATE_PREFIXES: readonly RuleRow[] = [
  { pattern: '(?:read|see) (?:more|also)\\s*[:|»›>-]', note: '"Read more: …" links between paragraphs' },
  { pattern: '(?:also read|related|recommended|watch|listen|more)\\s*:', note: '"ALSO READ: …" and "Related: …" inline links' },
  { pattern: '(?:weiterlesen|read more|lire la suite|leer más|continua a leggere|lees verder|leia mais)\\s*(?:…|\\.\\.\\.|:|»|›)', note: 'teaser links "Weiterlesen … Lebenszeichen von Bavaria" (lbv.de, dates-htmldate set)' },
  { pattern: 'lesen sie auch\\s*:?|mehr dazu\\s*:|lire aussi\\s*:|à lire aussi\\s*:|lee también\\s*:|leia também\\s*:|leggi anche\\s*:', note: 'inline related links on German, French, Spanish, Portuguese, Italian pages' },
];

/**
 * Lines of a reader comment section: the comment section has begun (whole line,
 * case-insensitive). Two tables by the line's last character, so a line is tested against
 * one only: the headers opening each comment end with a colon…
 */
export const COMMENT_HEADERS: readonly RuleRow[] = [
  { pattern: '.{2,80}\\s(?:said|says|wrote|writes|sagt|schrieb|dit|a écrit|dice|escribió|disse|scrive)\\s*:', note: 'WordPress comments "Milan Griffes on September 12, 2018 at 4:47 pm said:" (givewell.org, scrapinghub set)' },
];

/** …and the short links and marks around each comment do not. */
export const COMMENT_MARKS: readonly RuleRow[] = [
  { pattern: 'reply|répondre|antworten|responder|rispondi|report abuse|reply to this comment', note: 'reply links under each comment' },
  { pattern: 'rating: \\d+ votes?', note: 'macrumors.com comment ratings (scrapinghub set)' },
];

/**
 * A line like "Headline of another storySummary of it" — a teaser card whose headline and
 * summary were glued together by the text dump (cbslocal.com mega-menu, scrapinghub set):
 * Title-Case words, then a lower-case letter running straight into a capitalised word.
 */
export const GLUED_TEASER = '^((?:\\p{Lu}[\\p{L}\\p{N}\'’.,:;&-]*|\\d[\\p{L}\\p{N}]*|[a-z]{1,4})(?:\\s+(?:\\p{Lu}[\\p{L}\\p{N}\'’.,:;&-]*|\\d[\\p{L}\\p{N},.]*|[a-z]{1,4}|[;:–—-])){2,20})\\p{Ll}{2}(?=\\p{Lu}\\p{Ll})';
export const GLUED_TEASER_NOTE = 'cbslocal.com "Ford Recalls F-150s; Loose Cable Can Cause Stalling Or FiresFord is recalling…" (scrapinghub set)';

/**
 * Phrases that mark a line as a cookie/consent notice or legal footer wherever they occur in
 * it (regex sources, case-insensitive). Such text is long prose and would otherwise look
 * like an article. `keyword` is a plain word every match contains: lines without any
 * keyword skip the (slower) phrase search.
 */
export const NOTICE_PHRASES: ReadonlyArray<RuleRow & { keyword: string }> = [
  { keyword: 'cookie', pattern: '\\bcookies?\\b.{0,250}\\b(?:accept|consent|agree|settings|preferences|partners|einverstanden|zustimm|akzeptier|einwillig|einstellungen|accepte[rz]?|consentement|paramètres|acepta[rs]?|consiente|configuración|accett|consenso|toestemming|akkoord)', note: 'cookie banners in every language of the eval sets ("We use cookies … Accept")' },
  { keyword: 'cookie', pattern: '\\b(?:accept|consent|agree|zustimm|einwillig|akzeptier|accepte[rz]?|acepta[rs]?|accett)\\w*\\b.{0,250}\\bcookies?\\b', note: 'cookie banners that ask first and name cookies after' },
  { keyword: 'speicherung', pattern: 'technische speicherung oder de[rn] zugriff', note: 'Complianz consent dialog on German WordPress sites (hildesheimer-presse.de, dates-htmldate set)' },
  { keyword: 'rights|rechte|droits|derechos|diritti|rechten|direitos', pattern: 'all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|alle rechten voorbehouden|todos os direitos reservados', note: 'copyright footers ("© 2019 Associated Press. All Rights Reserved. This material may not be published…", scrapinghub set)' },
  { keyword: 'redistributed', pattern: 'this material may not be published, broadcast, rewritten,? or redistributed', note: 'AP/Fox footer (scrapinghub set)' },
];

/**
 * Signature lines of posts embedded in a story (regex sources, case-insensitive, matched at
 * the line start). They carry the post's date, not the story's, so they are never date lines.
 */
export const EMBED_SIGNATURES: readonly RuleRow[] = [
  { pattern: '[—–-]\\s*[^\\n]{1,80}\\(@\\w{1,30}\\)', note: 'embedded tweets "— Radu Oncescu (@oncescuradu) November 3, 2023" (onlinemarketing.de, dates-htmldate set)' },
  { pattern: 'a post shared by .{1,80}', note: 'embedded Instagram posts "A post shared by … on Nov 3, 2023"' },
];
