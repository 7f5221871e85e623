import { parseDate } from '../dates/index.js';
import { ABSOLUTE_DATE_HINT } from '../dates/find-dates.js';
import type { LineDates } from '../dates/line-dates.js';
import { HEADER_LINE } from '../rules/dates-labels.js';
import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import {
  BOILERPLATE_LINE,
  BOILERPLATE_PREFIX,
  BULLET,
  BYLINE_PREFIXED,
  BYLINE_STAFF,
  BYLINE_WITH_ROLE,
  CAPTION_END,
  CAPTION_END_HINT,
  COMMENT_HEADER,
  COMMENT_MARK,
  EMBED_SIGNATURE,
  NOTICE_KEYWORD,
  NOTICE_PHRASE,
  GLUED_TEASER_LINE,
  LINE_START_RULES,
  ROLE_END,
  TRUNCATED_END,
  CREDIT_LINE,
  NO_LETTERS,
  PERIOD_END,
  TRAILER_LINE,
  URL_LINE,
} from './patterns.js';
import type { Unit, UnitFlag } from './unit.js';

const HAS_DIGIT = /\d/;
const LABEL_END = /:$/;
/** Without a year only short lines are tried, and only when relative dates can be resolved. */
const RELATIVE_LINE_MAX_CHARS = 40;
const CAPITALISED = /^\p{Lu}/u;
/** Joiners allowed between capitalised names in a byline: "Tom and Jerry", "Ludwig van Beethoven". */
const NAME_JOINERS = new Set(['and', 'und', 'et', 'y', 'e', 'en', 'og', 'och', '&', 'de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'di', 'bin', 'al', 'el']);
/** Separators after which a byline line carries other things (date, role, place). */
const BYLINE_TAIL = /\s+[|•·]\s+.*$|\s*,?\s+(?:published|updated|posted)\b.*$|\s+(?:on|am|le|el|il|op)\s+(?=.*\d{4}).*$/iu;

/** Longest line read as a byline ("By" + a few names, or a name and a role). */
const BYLINE_MAX_CHARS = 120;

/** A person's name or a staff credit: few words, mostly capitalised, no sentence. */
export function looksLikeName(text: string): boolean {
  const words = text.split(' ');
  if (words.length === 0 || words.length > 8 || text.length > 100 || /[.!?]$/.test(text.replace(/\b\p{Lu}\.$/u, ''))) return false;
  let capitalised = 0;
  for (const word of words) {
    if (CAPITALISED.test(word)) capitalised++;
    else if (!NAME_JOINERS.has(word.toLowerCase()) && word !== ',') return false;
  }
  return capitalised >= 1;
}

/**
 * The byline a line carries ("By Our Diplomatic Correspondent" → "Our Diplomatic Correspondent"),
 * or null. `startRule` false: LINE_START_RULES already failed on the line, so the prefixed
 * and staff shapes cannot match.
 */
export function bylineOf(text: string, startRule = true): string | null {
  if (text.length > BYLINE_MAX_CHARS) return null;
  if (startRule) {
    const prefixed = BYLINE_PREFIXED.exec(text)?.[1];
    if (prefixed) {
      const name = prefixed.replace(BYLINE_TAIL, '').trim();
      return looksLikeName(name) ? name : null;
    }
    if (BYLINE_STAFF.test(text)) return text;
  }
  return text.includes(',') && ROLE_END.test(text) ? (BYLINE_WITH_ROLE.exec(text)?.[1] ?? null) : null;
}

/** A line that is a date, maybe with a label and a time ("Updated 1:39 am EST, Wednesday, November 20, 2019"). */
/**
 * "line": a date line, maybe with a label and a time ("Updated 1:39 am EST, Wednesday,
 * November 20, 2019"); "meta": a short line carrying a date among other things (post meta
 * "Veröffentlicht am 03.02.2022 von Sarah Schnieder"), dating the story only near its top
 * or bottom; null: no date.
 */
export function dateLineKind(text: string, referenceDate: string | undefined, lineDates?: LineDates): 'line' | 'meta' | null {
  if (text.length > S.datedLineMaxChars) return null;
  if (!ABSOLUTE_DATE_HINT.test(text) && !(referenceDate && text.length <= RELATIVE_LINE_MAX_CHARS)) return null;
  if (EMBED_SIGNATURE.test(text)) return null;
  const found = lineDates && lineDates.referenceDate === referenceDate ? (lineDates.find(text)[0] ?? null) : parseDate(text, { referenceDate });
  if (!found) return null;
  const rest = text.slice(0, found.index) + text.slice(found.index + found.matched.length);
  const otherWords = rest.match(/\p{L}{2,}/gu)?.length ?? 0;
  if (otherWords <= S.dateLineMaxOtherWords && text.length <= 120) return 'line';
  return otherWords <= S.datedLineMaxOtherWords ? 'meta' : null;
}

export function isDateLine(text: string, referenceDate: string | undefined): boolean {
  return dateLineKind(text, referenceDate) === 'line';
}

/** Credits sit at the end of a caption: only its tail is searched (linear time on long lines). */
const CAPTION_TAIL_CHARS = 160;
const CREDIT_LINE_MAX_CHARS = 120;

/** `startRule` false: LINE_START_RULES already failed on the line, so it is no bare credit line. */
export function isCaptionLine(text: string, startRule = true): boolean {
  if (text.length > S.metaMaxChars * 2) return false;
  if (startRule && text.length <= CREDIT_LINE_MAX_CHARS && CREDIT_LINE.test(text)) return true;
  const tail = text.length > CAPTION_TAIL_CHARS ? text.slice(-CAPTION_TAIL_CHARS) : text;
  return CAPTION_END_HINT.test(tail) && CAPTION_END.test(tail);
}

/** Shortest line tested for being a glued teaser card. */
const TEASER_MIN_CHARS = 80;
const COMMENT_HEADER_MAX_CHARS = 120;
/** Comment-section lines that do not end in a colon ("Reply", "Rating: 36 Votes") are short. */
const COMMENT_MARK_MAX_CHARS = 25;
/** Longest line searched for notice phrases (cookie banners run to a few hundred characters). */
const NOTICE_MAX_CHARS = 1500;

/**
 * Only non-letters, and no digit either (rules, separators). Most lines open with an ASCII
 * letter, which settles it without the Unicode letter scan.
 */
function isLetterless(text: string): boolean {
  const lower = text.charCodeAt(0) | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return false;
  return NO_LETTERS.test(text) && !HAS_DIGIT.test(text);
}

/** A reader-comment header or mark; by its last character only one of the two tables can match. */
function isCommentLine(text: string): boolean {
  return text.endsWith(':')
    ? text.length <= COMMENT_HEADER_MAX_CHARS && COMMENT_HEADER.test(text)
    : text.length <= COMMENT_MARK_MAX_CHARS && COMMENT_MARK.test(text);
}

/** A flag and why it was set; the fixed ones are built once (this runs on every line). */
type Flagged = readonly [UnitFlag, string?];
const NOT_FLAGGED: Flagged = [null];
const HEADER: Flagged = ['header', 'header line'];
const BOILERPLATE_PHRASE: Flagged = ['boilerplate', 'boilerplate-phrase'];
const STORY_LINK: Flagged = ['boilerplate', 'link to another story'];
const NO_LETTER_LINE: Flagged = ['boilerplate', 'no letters'];
const NOTICE: Flagged = ['boilerplate', 'cookie, consent or copyright notice'];
const COMMENT: Flagged = ['comment', 'reader comment'];
const TEASER: Flagged = ['teaser', 'teaser of another story'];
const CAPTION: Flagged = ['caption', 'photo caption or credit'];
const BYLINE: Flagged = ['byline', 'byline'];
const DATE_LINE: Flagged = ['date', 'date line'];
const DATED_LINE: Flagged = ['dated', 'line with a date near the story'];
const BULLET_LINE: Flagged = ['bullet'];

function flagOf(text: string, index: number, referenceDate: string | undefined, repeats: number, lineDates: LineDates | undefined): Flagged {
  if (index === 0 && HEADER_LINE.test(text)) return HEADER;
  const startRule = LINE_START_RULES.test(text);
  if (startRule && TRAILER_LINE.test(text)) return ['trailer-marker', `trailer-marker: ${text}`];
  if (startRule && (BOILERPLATE_LINE.test(text) || URL_LINE.test(text))) return BOILERPLATE_PHRASE;
  if (startRule && BOILERPLATE_PREFIX.test(text)) return STORY_LINK;
  if (isLetterless(text)) return NO_LETTER_LINE;
  if (text.length <= NOTICE_MAX_CHARS && NOTICE_KEYWORD.test(text) && NOTICE_PHRASE.test(text)) return NOTICE;
  if (isCommentLine(text)) return COMMENT;
  if (text.length >= TEASER_MIN_CHARS && GLUED_TEASER_LINE.test(text)) return TEASER;
  if (isCaptionLine(text, startRule)) return CAPTION;
  if (bylineOf(text, startRule)) return BYLINE;
  const dated = dateLineKind(text, referenceDate, lineDates);
  if (dated === 'line') return DATE_LINE;
  if (dated === 'meta' && !PERIOD_END.test(text)) return DATED_LINE;
  // Speaker labels of an interview ("Anne:") repeat by design; they belong to the text.
  if (repeats >= S.repeatedMinCount && text.length <= S.repeatedMaxChars && !LABEL_END.test(text)) return ['repeated', `line repeated ${repeats} times`];
  if (BULLET.test(text)) return BULLET_LINE;
  return NOT_FLAGGED;
}

/**
 * Recognises every unit that is furniture whatever its position: header, trailer markers,
 * boilerplate phrases, captions and credits, bylines, date lines; and marks bullets.
 * `lineDates` keeps the dates parsed for the date-candidate reader.
 */
export function flagUnits(units: Unit[], referenceDate: string | undefined, lineDates?: LineDates): void {
  // Each distinct short line gets a number (one map lookup per line, by text); longer lines
  // are not counted (and hashing a paragraph to find that out costs).
  const numbers = new Map<string, number>();
  const numberOf = new Int32Array(units.length).fill(-1);
  const counts: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const text = units[i]!.text;
    if (text.length > S.repeatedMaxChars) continue;
    let n = numbers.get(text);
    if (n === undefined) {
      n = counts.length;
      numbers.set(text, n);
      counts.push(0);
    }
    counts[n]!++;
    numberOf[i] = n;
  }
  // A line's flag depends on its text, its count and whether it opens the dump: a line
  // repeated (menus, share bars; a fifth of all lines) is flagged once.
  const flaggedRepeats: Array<Flagged | undefined> = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const n = numberOf[i]!;
    const repeats = n < 0 ? 1 : counts[n]!;
    const memo = repeats > 1 && i > 0;
    let flagged = memo ? flaggedRepeats[n] : undefined;
    if (!flagged) {
      flagged = flagOf(unit.text, i, referenceDate, repeats, lineDates);
      if (memo) flaggedRepeats[n] = flagged;
    }
    unit.repeats = repeats;
    unit.flag = flagged[0];
    unit.flagReason = flagged[1];
  }
  markTruncatedTeasers(units);
}

/** Prose cut off with "…" right under a heading: a teaser of another post (seed 002's popular posts). */
function markTruncatedTeasers(units: Unit[]): void {
  for (let i = 1; i < units.length; i++) {
    const unit = units[i]!;
    const above = units[i - 1]!;
    if (unit.flag !== null || unit.text.length < S.proseMinChars || !TRUNCATED_END.test(unit.text)) continue;
    if (above.flag === null && above.words <= S.titleMaxWords && !PERIOD_END.test(above.text)) {
      unit.flag = 'teaser';
      unit.flagReason = 'truncated teaser of another post';
    }
  }
}
