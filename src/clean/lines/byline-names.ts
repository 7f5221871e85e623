import { FULL_WEEKDAY_BY_NAME, MONTH_ALTERNATION, WEEKDAY_ALTERNATION } from '../dates/names.js';
import { collapseWhitespace } from '../page/text.js';
import { BYLINE_CUT, BYLINE_LABEL, BYLINE_NOT_NAME, BYLINE_SETTINGS as S, BYLINE_TEXT_PREFIX } from '../rules/bylines.js';
import { looksLikeName } from './byline.js';

/**
 * The names in a byline's text, wherever the text came from: an HTML author element
 * (html/byline.ts) or a line of a text dump's head (text/head-byline.ts).
 */

const PREFIX = new RegExp(`^(.{0,${S.maxPrefixChars}}?)(?:^|(?<=[\\s(]))(?:${BYLINE_TEXT_PREFIX.map((r) => r.pattern).join('|')})\\s*:?\\s+`, 'iu');
/** What may stand before a prefix word: a phrase with a date or a lower-case word ("Veröffentlicht am 8. Februar 2022 von"), or a label ("Post author By"), not a first name ("Ursula von der Leyen"). */
const LEAD_IN = /author|autor|artikel|text|posted|written|erstellt|veröffentlicht|eingestellt|geschrieben|rezept|foto/i;
const LEAD_IN_SHAPE = /\d|(?:^|\s)\p{Ll}/u;
const LABEL = new RegExp(`^(?:${BYLINE_LABEL.map((r) => r.pattern).join('|')})\\s*:\\s*`, 'iu');
/** A date in words ends the names too: "Carrie Arnold November 21, 2019", "Donnerstag, 4. November 2021". */
const CUT = new RegExp(
  [
    ...BYLINE_CUT.map((r) => r.pattern),
    `(?:^|[\\s,])(?:${MONTH_ALTERNATION})\\.?\\s+\\d`,
    `(?:^|[\\s,])(?:${WEEKDAY_ALTERNATION})\\b\\.?,?\\s+\\d`,
    // A weekday name ending the text: "Mike Wuerthele and Malcolm Owen Monday".
    `\\s(?:${[...FULL_WEEKDAY_BY_NAME.keys()].join('|')})\\s*$`,
  ].join('|'),
  'iu',
);
const NOT_NAME = new RegExp(BYLINE_NOT_NAME.map((r) => r.pattern).join('|'), 'iu');
/** A blog's user name, "uriebe", "freeman1984": one lower-case token. */
const USER_NAME = /^\p{Ll}[\p{L}\p{N}._-]{1,29}$/u;
const NAME_SPLIT = /\s*(?:,|;|&|\/|\s(?:and|und|et|y|e|en|og)\s)\s*/iu;

const CAPITALISED = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;

/**
 * A credit that is not only capitalised names: "red", "wien.ORF.at/Agenturen", "revamp-it
 * Webteam", "Richard David Precht im Gespräch mit Karin Fischer": a few words, more of
 * them capitalised than not, no sentence.
 */
function looksLikeCredit(part: string): boolean {
  const words = part.split(' ');
  if (words.length > S.maxCreditWords || /[.!?]$/u.test(part.replace(/\b\p{Lu}\.$/u, ''))) return false;
  if (words.length === 1) return /\p{L}/u.test(part);
  const upper = words.filter((w) => CAPITALISED.test(w)).length;
  const lower = words.filter((w) => LOWER_START.test(w)).length;
  return upper > lower;
}

/**
 * The names a byline's text gives: "Veröffentlicht am 8. Februar 2022 von PETA-Team" →
 * "PETA-Team", "By John Walk - January 10, 2020 21 minutes" → "John Walk", "Autor: Peter
 * Maahn" → "Peter Maahn"; null when what is left does not read as names (a bio, a comment,
 * a social handle, "Follow").
 */
export function namesOfByline(raw: string): string | null {
  let text = collapseWhitespace(raw.replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')).trim();
  if (!text || text.length > S.maxElementChars) return null;
  const prefixed = PREFIX.exec(text);
  if (prefixed && (prefixed[1] === '' || LEAD_IN_SHAPE.test(prefixed[1]!) || LEAD_IN.test(prefixed[1]!))) text = text.slice(prefixed[0].length);
  else text = text.replace(LABEL, '');
  const cut = CUT.exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = text.replace(/^[\s:,.|·•-]+|[\s:,;|·•-]+$/gu, '');
  if (!text || text.length > S.maxNameChars || NOT_NAME.test(text)) return null;
  if (USER_NAME.test(text)) return text;
  const names = text.split(NAME_SPLIT).filter(Boolean);
  if (names.length === 0 || !names.every((n) => looksLikeName(n) || looksLikeCredit(n))) return null;
  return text;
}

/** Lower-cased names of a byline (as the scorers split them). */
export const bylineNames = (byline: string): string[] =>
  byline
    .split(NAME_SPLIT)
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
