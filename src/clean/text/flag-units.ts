import type { LineDates } from '../dates/line-dates.js';
import { bylineOf } from '../lines/byline.js';
import { isCaptionLine } from '../lines/caption.js';
import { dateLineKind } from '../lines/date-line.js';
import {
  BOILERPLATE_LINE,
  BOILERPLATE_PREFIX,
  COMMENT_HEADER,
  COMMENT_MARK,
  GLUED_TEASER_LINE,
  LINE_START_RULES,
  NO_LETTERS,
  NOTICE_KEYWORD,
  NOTICE_PHRASE,
  TRAILER_LINE,
  URL_LINE,
} from '../lines/line-rules.js';
import { HEADER_LINE } from '../rules/dates-labels.js';
import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { BULLET, COMMENT_FORM, PERIOD_END, TRUNCATED_END } from './patterns.js';
import type { Unit, UnitFlag } from './unit.js';

const HAS_DIGIT = /\d/;
const LABEL_END = /:$/;

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
const COMMENT_FORM_LINE: Flagged = ['comment', 'comment form'];
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
  if (COMMENT_FORM.test(text)) return COMMENT_FORM_LINE;
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
  markNumberedRows(units);
}

/** The number opening a row: "1 Kyle Busch 5040", "1a etapa: 10 de março", "1. …", "1) …" (not "1,5 kg", not "10:30"). */
const ROW_NUMBER = /^(\d{1,3})(?![\d,.:]\d)/u;

function rowNumber(unit: Unit): number {
  const code = unit.text.charCodeAt(0);
  if (code < 0x30 || code > 0x39) return -1;
  const found = ROW_NUMBER.exec(unit.text);
  return found ? Number(found[1]) : -1;
}

/** Digits after a row's number: a table row carries data (points, dates, prices), a list of headlines does not. */
const DIGIT_AFTER_NUMBER = /^\d+\D+\d/u;

/**
 * Lines numbered 1, 2, 3… one after another, most carrying more figures: the rows of a
 * standings table, a calendar, a price list (a table page's content is its rows;
 * scrapinghub's autoracing pages). Marked when at least S.numberedRowsMin follow each other;
 * a numbered list of headlines ("Most read": "1Pudel-Hype: …", "2、…") holds no more figures
 * and is left alone, and so are flagged lines.
 */
function markNumberedRows(units: Unit[]): void {
  let runStart = -1;
  let expected = -1;
  let withData = 0;
  for (let i = 0; i <= units.length; i++) {
    const unit = units[i];
    const n = unit?.flag === null ? rowNumber(unit) : -1;
    if (n >= 0 && n === expected) {
      expected++;
      if (DIGIT_AFTER_NUMBER.test(unit!.text)) withData++;
      continue;
    }
    const rows = i - runStart;
    if (runStart >= 0 && rows >= S.numberedRowsMin && withData * 2 >= rows) for (let k = runStart; k < i; k++) units[k]!.numberedRow = true;
    runStart = n === 1 || n === 0 ? i : -1;
    expected = n + 1;
    withData = unit && n >= 0 && DIGIT_AFTER_NUMBER.test(unit.text) ? 1 : 0;
  }
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
