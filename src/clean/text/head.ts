import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { NOT_TITLE_PATTERNS } from '../rules/title-rules.js';
import { NO_LETTERS, URL_LINE } from '../lines/line-rules.js';
import { BULLET } from './patterns.js';
import type { Unit } from './unit.js';

const ENDS_WITH_PERIOD = /[.,;:]["'”’»)]*$/u;
const HAS_LOWER = /\p{Ll}/u;
const NOT_TITLE = new RegExp(NOT_TITLE_PATTERNS.map((p) => `(?:${p.pattern})`).join('|'), 'iu');

/** Could this line be the article's headline? */
export function isHeadingLike(unit: Unit): boolean {
  const { text, words } = unit;
  if (unit.flag !== null || words < S.titleMinWords || words > S.titleMaxWords || text.length > S.titleMaxChars) return false;
  if (ENDS_WITH_PERIOD.test(text) || BULLET.test(text) || URL_LINE.test(text) || NO_LETTERS.test(text) || NOT_TITLE.test(text)) return false;
  return HAS_LOWER.test(text) || words >= 4;
}

/**
 * Index of the title: the nearest heading-like unit above the first body unit, within
 * S.titleLookback units, skipping the date, byline and caption lines between them. -1 if none.
 */
export function findTitle(units: readonly Unit[], firstBody: number): number {
  const stop = Math.max(0, firstBody - S.titleLookback);
  for (let i = firstBody - 1; i >= stop; i--) {
    const unit = units[i]!;
    if (unit.kind === 'highlight' || unit.flag === 'date' || unit.flag === 'byline' || unit.flag === 'caption' || unit.flag === 'boilerplate') continue;
    if (isHeadingLike(unit)) return i;
  }
  return -1;
}
