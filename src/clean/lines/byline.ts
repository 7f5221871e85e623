import { BYLINE_TAILS, NAME_JOINERS } from '../rules/bylines.js';
import { LINE_SETTINGS as L } from '../rules/line-settings.js';
import { alternatives } from '../regex-source.js';
import { BYLINE_PREFIXED, BYLINE_STAFF, BYLINE_WITH_ROLE, ROLE_END } from './line-rules.js';

const CAPITALISED = /^\p{Lu}/u;
const JOINERS = new Set(NAME_JOINERS);
const BYLINE_TAIL = new RegExp(alternatives(BYLINE_TAILS), 'iu');

/** A person's name or a staff credit: few words, mostly capitalised, no sentence. */
export function looksLikeName(text: string): boolean {
  const words = text.split(' ');
  if (words.length === 0 || words.length > 8 || text.length > 100 || /[.!?]$/.test(text.replace(/\b\p{Lu}\.$/u, ''))) return false;
  let capitalised = 0;
  for (const word of words) {
    if (CAPITALISED.test(word)) capitalised++;
    else if (!JOINERS.has(word.toLowerCase()) && word !== ',') return false;
  }
  return capitalised >= 1;
}

/**
 * The byline a line carries ("By Our Diplomatic Correspondent" → "Our Diplomatic Correspondent"),
 * or null. `startRule` false: LINE_START_RULES already failed on the line, so the prefixed
 * and staff shapes cannot match.
 */
export function bylineOf(text: string, startRule = true): string | null {
  if (text.length > L.bylineMaxChars) return null;
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
