import type { LineDates } from '../dates/line-dates.js';
import { namesOfByline } from '../lines/byline-names.js';
import { looksLikeName } from '../lines/byline.js';
import { BYLINE_LABEL, BYLINE_TEXT_PREFIX, NAME_JOINERS } from '../rules/bylines.js';
import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import type { Unit } from './unit.js';

const PREFIX_WORDS = BYLINE_TEXT_PREFIX.map((r) => r.pattern).join('|');
/** A byline opening the line with its prefix word or author label: "By Name", "Von: Name", "Autor: Name". */
const PREFIX_AT_START = new RegExp(`^(?:(?:${PREFIX_WORDS})\\s*:?\\s+\\S|(?:${BYLINE_LABEL.map((r) => r.pattern).join('|')})\\s*:)`, 'iu');
/** A prefix word after words that say a post was written or published: "Veröffentlicht am … von Name", "Eine Kolumne von Name". */
const PREFIX_AFTER_LEAD_IN = new RegExp(
  `(?:posted|written|published|veröffentlicht|geschrieben|erstellt|eingestellt|publiziert|gespeichert|artikel|beitrag|kolumne|interview|author|autor)\\S*\\s(?:.*\\s)?(?:${PREFIX_WORDS})\\s*:?\\s+\\S`,
  'iu',
);
/** The category a blog's byline row goes on with: "Posted by Name under Just For Fun", "Von Henry In Aktuell". */
const CATEGORY_TAIL = /\s+(?:in|under|unter|dans)\s+.*$/iu;
/** A prefix glued to the name by the dump ("ByAlex Bozarjian", "Veröffentlicht vonChris Jung"): case matters, "Bybit" is a word. */
const GLUED_PREFIX = /(^|\s)(By|by|BY|Von|von|VON|Par|par)(?=\p{Lu}\p{Ll})/gu;
/** A byline prefix or label alone on its line, the name on the next: "Von", "By :", "AUTOR/IN", "Autor:innen". */
const LONE_LABEL = /^(?:by|von|par|autor(?:in|\/in|:innen)?|author|auteur)\s*:?$/iu;
/** A time of day and its unit left beside a date: "05:00 Uhr", "2:30 pm", "09h08". */
const TIME = /\b\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:uhr|am|pm|h)\b)?/giu;
/** What stays of a date row once its dates are cut: separators, prepositions, "Uhr". */
const SEPARATORS = /^(?:[\s,;:|·•/–—-]|\b(?:am|um|on|at|le|the|uhr)\b)+|(?:[\s,;:|·•/–—-]|\b(?:am|um|on|at|le|uhr)\b)+$/giu;
const CAPITALISED = /^\p{Lu}/u;
const HAS_WORD = /\p{L}{2}/u;
/** A word of a person's name: "Anna", "Boelen-Theile", "O'Callaghan", an initial "J.". */
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}]+)*|\p{Lu}\.(?:\p{Lu}\.)?)$/u;
const JOINERS = new Set(NAME_JOINERS);
/** Several names in one byline: "Name, Name und Name". */
const NAME_SPLIT = /\s*(?:,|;|&|\s(?:and|und|et|y|e|en|og)\s)\s*/iu;
/** One token naming a blog's user: "telebasel", "MikeNils", "c1ph4" (lower-case or camel-case). */
const HANDLE = /^(?:\p{Ll}[\p{L}\p{N}._-]{2,29}|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*)$/u;

/** A line that is nothing but a person's name, "Jon Nitz", "Leah C. Stokes": two to four name words. */
function isPersonName(text: string): boolean {
  if (text.length > S.headBylineMaxNameChars || !CAPITALISED.test(text)) return false;
  const words = text.split(' ');
  if (words.length < 2 || words.length > S.headBylineMaxNameWords) return false;
  let names = 0;
  for (const word of words) {
    if (NAME_WORD.test(word)) names++;
    else if (!JOINERS.has(word)) return false;
  }
  return names >= 2 && looksLikeName(text);
}

/** The names after a byline prefix, each a name, a credit word ("Redaktion") or a user name; null otherwise. */
function prefixedNames(text: string): string | null {
  const names = namesOfByline(text)?.replace(CATEGORY_TAIL, '').replace(SEPARATORS, '');
  return names && names.split(NAME_SPLIT).every((name) => looksLikeName(name) || HANDLE.test(name)) ? names : null;
}

/**
 * The names on a row that also carries the story's date: "Bettina Kugler 19.10.2019, 05:00
 * Uhr", "11.12.2019 - Amelie Loevenich", "19.10.2019 11:36 telebasel". The dates and times
 * are cut; a person's name or a user name must be all that is left.
 */
function namesBesideDate(text: string, lineDates: LineDates): string | null {
  const dates = lineDates.find(text);
  if (dates.length === 0) return null;
  let rest = '';
  let from = 0;
  for (const date of dates) {
    rest += `${text.slice(from, date.index)} · `;
    from = date.index + date.matched.length;
  }
  rest = `${rest}${text.slice(from)}`.replace(TIME, ' · ').replace(SEPARATORS, '');
  // Most date rows hold nothing but the date, its time and a label.
  if (!HAS_WORD.test(rest)) return null;
  // "22. Dezember 2019 von Peter Addor", "12/04/2020 by Kay 24 Comments".
  if (PREFIX_AT_START.test(rest)) return prefixedNames(rest);
  const names = namesOfByline(rest);
  // "Last Modified: Feb 18, 2020": the words before the date are its label.
  if (!names || text.includes(`${names}:`)) return null;
  return isPersonName(names) || HANDLE.test(names) ? names : null;
}

/** The byline a line of the article's head gives by its own words (a prefix, a label, a date beside the name), or null. */
function bylineOfHeadLine(unit: Unit, lineDates: LineDates): string | null {
  // A caption's credit names the photographer; a paragraph is not a byline row.
  if (unit.text.length > S.headBylineMaxChars || unit.flag === 'caption') return null;
  const text = unit.text.replace(GLUED_PREFIX, '$1$2 ');
  const dated = unit.flag === 'date' || unit.flag === 'dated';
  if (PREFIX_AT_START.test(text) || PREFIX_AFTER_LEAD_IN.test(text)) {
    const names = prefixedNames(text);
    if (names) return names;
  }
  return dated ? namesBesideDate(text, lineDates) : null;
}

/** A line that signs or dates the line next to it: a date row, or a byline prefix or label standing alone ("Von", "AUTOR/IN"). */
function isSigningLine(unit: Unit | undefined): boolean {
  if (!unit) return false;
  return unit.flag === 'date' || unit.flag === 'dated' || LONE_LABEL.test(unit.text);
}

/** A person's name alone on its line, next to a date row or a lone "Von"/"Autor" label (a site's menus are short capitalised lines too). */
function isSignedName(units: readonly Unit[], i: number): boolean {
  const unit = units[i]!;
  return unit.flag === null && (isSigningLine(units[i - 1]) || isSigningLine(units[i + 1])) && isPersonName(unit.text);
}

/**
 * The byline of a text dump's article read from the lines around its head, when no line
 * was flagged a byline: from the title (or S.headBylineLookback units above the story) to
 * S.headBylineLookahead units into it, the first line that carries a prefixed byline or a
 * name beside the story's date ("Name 19.10.2019, 05:00 Uhr", "22. Dezember 2019 von
 * Name"); else the first person's name alone on its line next to a date or a "Von" label
 * (trafilatura-dev text dumps: the dump keeps the byline's text but not the element that
 * marked it).
 */
export function headByline(units: readonly Unit[], firstBody: number, titleIndex: number, lineDates: LineDates): string | null {
  const start = titleIndex >= 0 && titleIndex < firstBody ? titleIndex + 1 : Math.max(0, firstBody - S.headBylineLookback);
  const end = Math.min(units.length, firstBody + S.headBylineLookahead);
  for (let i = start; i < end; i++) {
    const names = units[i]!.kind === 'title' ? null : bylineOfHeadLine(units[i]!, lineDates);
    if (names) return names;
  }
  for (let i = start; i < end; i++) if (units[i]!.kind !== 'title' && isSignedName(units, i)) return units[i]!.text;
  return null;
}
