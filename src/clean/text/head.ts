import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { NOT_TITLE_PATTERNS } from '../rules/title-rules.js';
import { NO_LETTERS, URL_LINE } from '../lines/line-rules.js';
import { BULLET } from './patterns.js';
import type { Unit } from './unit.js';
import { LETTER_OR_DIGIT } from '../char-class.js';

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

/** Words of at least four letters, lower-cased: the ones a headline shares with its story. */
const CONTENT_WORD = /[\p{L}\p{N}]{4,}/gu;

function contentWords(text: string): string[] {
  return text.toLowerCase().match(CONTENT_WORD) ?? [];
}

/**
 * The story's opening (its first S.titleStoryUnits body units), lower-cased, one unit a line:
 * what headlines are matched against.
 */
function storyOpening(units: readonly Unit[], firstBody: number): string {
  const texts: string[] = [];
  for (let i = firstBody; i < units.length && texts.length < S.titleStoryUnits; i++) {
    if (units[i]!.kind === 'body') texts.push(units[i]!.text.toLowerCase());
  }
  return texts.join('\n');
}

/**
 * Whether `word` (a content word) is one of the opening's content words: it occurs there with
 * no word character on either side. Searching the opening for a headline's few words is cheaper
 * than splitting the opening into a set of all of its words (that was most of findTitle's time).
 */
export function hasContentWord(opening: string, word: string): boolean {
  for (let at = opening.indexOf(word); at >= 0; at = opening.indexOf(word, at + 1)) {
    // What content words are made of: a match of CONTENT_WORD is a whole run of these (greedy).
    if (!LETTER_OR_DIGIT.before(opening, at) && !LETTER_OR_DIGIT.at(opening, at + word.length)) return true;
  }
  return false;
}

/** Share of a line's content words found in the story's opening. */
function overlap(text: string, opening: string): number {
  const words = contentWords(text);
  if (words.length === 0) return 0;
  let found = 0;
  for (const word of words) if (hasContentWord(opening, word)) found++;
  return found / words.length;
}

/**
 * Index of the title: among the heading-like units within S.titleLookback units above the
 * first body unit (skipping date, byline, caption and boilerplate lines), the one sharing
 * most of its words with the story's opening, nearer ones winning ties by S.titleDistanceCost
 * per candidate passed; the nearest when none shares a word. A headline names what its story
 * tells; a section name, a tag list, a teaser or a share bar's words between it and the story
 * do not (trafilatura-dev text dumps). -1 if none.
 */
export function findTitle(units: readonly Unit[], firstBody: number): number {
  const stop = Math.max(0, firstBody - S.titleLookback);
  let story: string | null = null;
  let best = -1;
  let bestScore = 0;
  let nearest = -1;
  let passed = 0;
  for (let i = firstBody - 1; i >= stop; i--) {
    const unit = units[i]!;
    if (unit.kind === 'highlight' || unit.flag === 'date' || unit.flag === 'byline' || unit.flag === 'caption' || unit.flag === 'boilerplate') continue;
    if (!isHeadingLike(unit)) continue;
    if (nearest < 0) nearest = i;
    story ??= storyOpening(units, firstBody);
    const score = overlap(unit.text, story) - passed * S.titleDistanceCost;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
    passed++;
  }
  return best >= 0 ? best : nearest;
}
