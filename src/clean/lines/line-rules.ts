/**
 * The line rule tables of src/clean/rules compiled once at module load: furniture phrases,
 * trailer markers, reader-comment lines, notices, bylines and photo credits. Both extractors
 * test a text dump's lines and an HTML page's blocks against these; code elsewhere only
 * tests them.
 *
 * Shapes that end a line are written `$(?<=…)` rather than `…$`: the same matches, but the
 * engine tries only the cheap `$` at each position and the shape once, backwards from the
 * end, instead of the shape from every position (every line of every dump is tested).
 */
import { BOILERPLATE_LINES, BOILERPLATE_PREFIXES, COMMENT_HEADERS, COMMENT_MARKS, EMBED_SIGNATURES, GLUED_TEASER, NOTICE_PHRASES } from '../rules/boilerplate-phrases.js';
import { BYLINE_PREFIXES, ROLE_WORDS, STAFF_BYLINES } from '../rules/bylines.js';
import { CAPTION_END_CREDITS, CAPTION_MID_CREDITS, CREDIT_LINES } from '../rules/captions.js';
import { TRAILER_MARKERS } from '../rules/trailer-markers.js';
import { alternatives, escapeRegExp } from '../regex-source.js';

/** "Comments", "12 Comments", "Comments (3)", "[ 167 comments ]", "Related articles:", "Você pode gostar...", "Das könnte Sie auch interessieren!" — whole line. */
export const TRAILER_LINE = new RegExp(
  `^[[(]?\\s*(?:\\d+\\s+)?(${TRAILER_MARKERS.map((m) => escapeRegExp(m.phrase).replace(/ /g, '\\s+')).join('|')})(?:\\s*\\(\\d+\\))?\\s*(?::|!|\\.\\.\\.|…)?\\s*[\\])]?$`,
  'iu',
);

export const BOILERPLATE_LINE = new RegExp(`^(?:${alternatives(BOILERPLATE_LINES)})$`, 'iu');
export const EMBED_SIGNATURE = new RegExp(`^(?:${alternatives(EMBED_SIGNATURES)})`, 'iu');
export const NOTICE_PHRASE = new RegExp(alternatives(NOTICE_PHRASES), 'iu');
export const NOTICE_KEYWORD = new RegExp([...new Set(NOTICE_PHRASES.map((n) => n.keyword))].join('|'), 'i');
/** "X said:": opens a reader comment (ends with a colon). */
export const COMMENT_HEADER = new RegExp(`^(?:${alternatives(COMMENT_HEADERS)})$`, 'iu');
/** "Reply", "Rating: 36 Votes": a mark around a reader comment (no colon at the end). */
export const COMMENT_MARK = new RegExp(`^(?:${alternatives(COMMENT_MARKS)})$`, 'iu');
export const GLUED_TEASER_LINE = new RegExp(GLUED_TEASER, 'u');
export const BOILERPLATE_PREFIX = new RegExp(`^(?:${alternatives(BOILERPLATE_PREFIXES)})`, 'iu');

/** "By Name", "Von Name": group 1 is the name. */
export const BYLINE_PREFIXED = new RegExp(`^(?:${alternatives(BYLINE_PREFIXES)})\\s+(\\S.{1,100})$`, 'iu');
export const BYLINE_STAFF = new RegExp(`^(?:${alternatives(STAFF_BYLINES)})$`, 'iu');
/** "Tom Krisher, Ap Auto Writer": group 1 is the whole line minus trailing punctuation. */
export const BYLINE_WITH_ROLE = new RegExp(
  `^(\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){1,3}\\s*,\\s*(?:[\\p{L}.]+\\s+){0,4}(?:${ROLE_WORDS}))\\.?$`,
  'iu',
);

/** A line ending in a newsroom role: only such a line can be a BYLINE_WITH_ROLE (checked once, from the end). */
export const ROLE_END = new RegExp(`$(?<=(?:${ROLE_WORDS})\\.?)`, 'iu');

export const CAPTION_END = new RegExp(`(?:${alternatives(CAPTION_END_CREDITS)})\\s*$`, 'iu');
/**
 * What every CAPTION_END credit holds: a dash before an agency, a bracket, a label's colon,
 * a © sign, or a closing "less"/"more" toggle (one per entry of CAPTION_END_CREDITS, in
 * order; tests/clean-fast-paths.test.ts keeps the two in step). One cheap scan settles the
 * four lines in five that hold none, instead of trying five credit shapes at every offset.
 */
export const CAPTION_END_HINT = /[—–\-(:©]|(?:less|more)\s*$/iu;
/** A credit inside a line; the caption ends with it and text after it is something else. */
export const CAPTION_MID = new RegExp(alternatives(CAPTION_MID_CREDITS), 'u');
export const CREDIT_LINE = new RegExp(`^(?:${alternatives(CREDIT_LINES)})$`, 'iu');

/** Only non-letters (rules, numbers, separators). */
export const NO_LETTERS = /^[^\p{L}]*$/u;
export const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/iu;

/**
 * One regex matching where any of `rules` matches. Each rule must be anchored at the line
 * start as a whole (`^…`, no top-level alternation) and have the same flags; the one `^` is
 * taken outside so that the engine tries the alternatives at the start only.
 */
function anyAtLineStart(rules: readonly RegExp[]): RegExp {
  const flags = rules[0]!.flags;
  if (rules.some((r) => r.flags !== flags || !r.source.startsWith('^'))) throw new Error('anyAtLineStart: rules must share flags and start with ^');
  return new RegExp(`^(?:${rules.map((r) => `(?:${r.source.slice(1)})`).join('|')})`, flags);
}

/**
 * The line rules anchored at the line start, as one regex: a line that none of them matches
 * (nine lines in ten) is settled by one call instead of seven. A filter only: where it
 * matches, each rule is still tested on its own, in the text flagger's order.
 */
export const LINE_START_RULES = anyAtLineStart([TRAILER_LINE, BOILERPLATE_LINE, URL_LINE, BOILERPLATE_PREFIX, CREDIT_LINE, BYLINE_PREFIXED, BYLINE_STAFF]);
