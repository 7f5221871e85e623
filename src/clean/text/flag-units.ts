import { parseDate } from '../dates/index.js';
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
  CREDIT_LINE,
  NO_LETTERS,
  TRAILER_LINE,
  URL_LINE,
} from './patterns.js';
import type { Unit, UnitFlag } from './unit.js';

const HAS_DIGIT = /\d/;
const CAPITALISED = /^\p{Lu}/u;
/** Joiners allowed between capitalised names in a byline: "Tom and Jerry", "Ludwig van Beethoven". */
const NAME_JOINERS = new Set(['and', 'und', 'et', 'y', 'e', 'en', 'og', 'och', '&', 'de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'le', 'di', 'bin', 'al', 'el']);
/** Separators after which a byline line carries other things (date, role, place). */
const BYLINE_TAIL = /\s+[|•·]\s+.*$|\s*,?\s+(?:published|updated|posted)\b.*$/iu;

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

/** The byline a line carries ("By Our Diplomatic Correspondent" → "Our Diplomatic Correspondent"), or null. */
export function bylineOf(text: string): string | null {
  if (text.length > S.metaMaxChars) return null;
  const prefixed = BYLINE_PREFIXED.exec(text)?.[1];
  if (prefixed) {
    const name = prefixed.replace(BYLINE_TAIL, '').trim();
    return looksLikeName(name) ? name : null;
  }
  if (BYLINE_STAFF.test(text)) return text;
  return BYLINE_WITH_ROLE.exec(text)?.[1] ?? null;
}

/** A line that is a date, maybe with a label and a time ("Updated 1:39 am EST, Wednesday, November 20, 2019"). */
export function isDateLine(text: string, referenceDate: string | undefined): boolean {
  if (text.length > 120 || !HAS_DIGIT.test(text)) return false;
  const found = parseDate(text, { referenceDate });
  if (!found) return false;
  const rest = text.slice(0, found.index) + text.slice(found.index + found.matched.length);
  const otherWords = rest.match(/\p{L}{2,}/gu)?.length ?? 0;
  return otherWords <= S.dateLineMaxOtherWords;
}

export function isCaptionLine(text: string): boolean {
  return text.length <= S.metaMaxChars * 2 && (CAPTION_END.test(text) || CREDIT_LINE.test(text));
}

function flagOf(unit: Unit, index: number, referenceDate: string | undefined): [UnitFlag, string?] {
  const text = unit.text;
  if (index === 0 && HEADER_LINE.test(text)) return ['header', 'header line'];
  if (TRAILER_LINE.test(text)) return ['trailer-marker', `trailer-marker: ${text}`];
  if (BOILERPLATE_LINE.test(text) || URL_LINE.test(text)) return ['boilerplate', 'boilerplate-phrase'];
  if (BOILERPLATE_PREFIX.test(text)) return ['boilerplate', 'link to another story'];
  if (NO_LETTERS.test(text) && !HAS_DIGIT.test(text)) return ['boilerplate', 'no letters'];
  if (isCaptionLine(text)) return ['caption', 'photo caption or credit'];
  if (bylineOf(text)) return ['byline', 'byline'];
  if (isDateLine(text, referenceDate)) return ['date', 'date line'];
  if (BULLET.test(text)) return ['bullet'];
  return [null];
}

/**
 * Recognises every unit that is furniture whatever its position: header, trailer markers,
 * boilerplate phrases, captions and credits, bylines, date lines; and marks bullets.
 */
export function flagUnits(units: Unit[], referenceDate: string | undefined): void {
  units.forEach((unit, i) => {
    const [flag, reason] = flagOf(unit, i, referenceDate);
    unit.flag = flag;
    unit.flagReason = reason;
  });
}
