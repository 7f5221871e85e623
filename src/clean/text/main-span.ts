import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { NUMBER_TOKEN, SENTENCE_END } from './patterns.js';
import type { Unit } from './unit.js';

const HAS_DIGIT = /\d/;

/** Reads like a paragraph of prose: long enough, and a sentence (or simply long). */
export function isProse(unit: Unit, endsSentence = SENTENCE_END.test(unit.text)): boolean {
  if (unit.words >= S.proseMinWords && (endsSentence || unit.text.length >= 150)) return true;
  if (unit.words >= S.sentenceMinWords && endsSentence) return true;
  return unit.text.length >= S.proseMinChars && endsSentence;
}

/** A row of a table inside the story (standings, prices, tickers): several words and numbers. */
export function isTableRow(unit: Unit): boolean {
  if (unit.words < S.tableRowMinWords || !HAS_DIGIT.test(unit.text)) return false;
  // Counted up to the minimum: the rest of the line need not be searched.
  let numbers = 0;
  NUMBER_TOKEN.lastIndex = 0;
  while (numbers < S.tableRowMinNumbers && NUMBER_TOKEN.exec(unit.text) !== null) numbers++;
  NUMBER_TOKEN.lastIndex = 0;
  return numbers >= S.tableRowMinNumbers;
}

/** How much a unit argues for being inside the article: prose counts by its length, furniture against. */
export function spanScore(unit: Unit): number {
  switch (unit.flag) {
    case 'boilerplate':
      return -S.boilerplatePenalty;
    case 'repeated':
      // A separator repeated between list items (share bars under each teaser) splits them apart.
      return -S.boilerplatePenalty * Math.min(unit.repeats ?? 1, S.repeatedMaxFactor);
    case 'comment':
      return -S.commentPenalty;
    case 'teaser':
      return -S.nonProsePenalty - unit.text.length * S.teaserWeight;
    case 'caption':
    case 'byline':
    case 'date':
    case 'header':
    case 'duplicate':
      return -S.nonProsePenalty;
    case 'dated':
    default:
      break;
  }
  const endsSentence = SENTENCE_END.test(unit.text);
  if (isProse(unit, endsSentence)) return unit.text.length;
  if (unit.words >= S.shortSentenceMinWords && endsSentence) return unit.text.length * S.shortSentenceWeight;
  if (isTableRow(unit)) return -S.tableRowPenalty;
  // Menu items are a word or two; list items and subheadings inside a story are longer.
  return unit.words >= S.listItemMinWords ? -S.listItemPenalty : -S.nonProsePenalty;
}

export interface MainSpan {
  /** First unit of the article. */
  start: number;
  /** One past its last unit. */
  end: number;
  /** The trailer marker closing the article's part, or -1. */
  marker: number;
}

interface Best {
  score: number;
  start: number;
  end: number;
}

/** Kadane's maximum-sum run over units[from, to). */
function bestRun(scores: readonly number[], from: number, to: number): Best {
  let best: Best = { score: 0, start: from, end: from };
  let sum = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += scores[i]!;
    if (sum > best.score) best = { score: sum, start, end: i + 1 };
  }
  return best;
}

/** A part holding reader-comment lines ("Reply", "X said:") is a comment section. */
function isCommentSection(units: readonly Unit[], part: Best): boolean {
  let comments = 0;
  for (let i = part.start; i < part.end; i++) if (units[i]!.flag === 'comment') comments++;
  return comments >= S.commentSectionMinLines;
}

/**
 * The article's run of units: trailer markers split the dump into parts, each part's best
 * run is found (maximum sum of span scores), and the best part wins, parts after a marker
 * with a story above it weighted down (S.afterMarkerWeight). Null when nothing scores above zero.
 */
export function findMainSpan(units: readonly Unit[]): MainSpan | null {
  const scores = units.map((u) => (u.flag === 'trailer-marker' ? 0 : spanScore(u)));
  const parts: Array<Best & { marker: number }> = [];
  let from = 0;
  for (let i = 0; i <= units.length; i++) {
    if (i < units.length && units[i]!.flag !== 'trailer-marker') continue;
    parts.push({ ...bestRun(scores, from, i), marker: i < units.length ? i : -1 });
    from = i + 1;
  }
  // A part after a marker is usually a trailer; it wins only when clearly stronger (a
  // "Comments" link in a share bar above the story is a marker too).
  // A marker ends a story only when prose stands above it: markers in the menus and share
  // bars above the story ("Share this:") weigh nothing down.
  let chosen: (Best & { marker: number }) | null = null;
  let chosenScore = 0;
  let proseAbove = 0;
  parts.forEach((part) => {
    const trailer = proseAbove >= S.storyAboveMarkerMinScore;
    const weight = trailer ? S.afterMarkerWeight * (isCommentSection(units, part) ? S.commentSectionWeight : 1) : 1;
    const score = part.score * weight;
    if (score > chosenScore) {
      chosen = part;
      chosenScore = score;
    }
    proseAbove = Math.max(proseAbove, part.score);
  });
  if (!chosen) return null;
  const { start, end, marker } = chosen;
  return { start, end, marker };
}
