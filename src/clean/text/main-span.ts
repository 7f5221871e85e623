import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { isHeadingLike } from './head.js';
import { CLEAN_END, NUMBER_TOKEN, SENTENCE_END, TRUNCATED_END } from './patterns.js';
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
  if (unit.numberedRow) return unit.text.length * S.numberedRowWeight;
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

/**
 * The story's own lists, code and tables: the unflagged short lines set one under the other
 * after a line ending in ":" ("Then run:", "Zutaten:") weigh nothing against the span when
 * prose follows them within S.introducedBlockMaxLines lines. Scored as menus they outweighed the story below
 * them and cut it there (trafilatura-dev text dumps: recipes, programming posts, spec
 * sheets). A block holding known furniture (a share bar after "Teilen:") is left alone.
 */
// Units are trimmed: the last character settles it without a regex scan of every paragraph.
const isIntroducing = (unit: Unit): boolean => unit.flag === null && unit.text.endsWith(':');

/** A line of an introduced block: unflagged (or repeated), no prose, and set without a blank line above (after the first). */
function isBlockLine(unit: Unit, score: number, first: boolean): boolean {
  // A line repeated elsewhere may be code run again; known furniture is not the story's.
  return score <= 0 && (unit.flag === null || unit.flag === 'bullet' || unit.flag === 'repeated') && unit.gap <= (first ? 1 : 0);
}

function spareIntroducedBlocks(units: readonly Unit[], scores: number[]): void {
  for (let i = 0; i < units.length; i++) {
    if (!isIntroducing(units[i]!)) continue;
    // Blocks may follow one another, each introduced anew ("Then run:", "It prints:").
    let j = i;
    do {
      const intro = j;
      j++;
      while (j < units.length && j <= intro + S.introducedBlockMaxLines && isBlockLine(units[j]!, scores[j]!, j === intro + 1)) j++;
    } while (j < units.length && isIntroducing(units[j]!) && scores[j]! <= 0);
    // Only blocks the story goes on after are the story's; a share bar or a form ends elsewhere.
    if (j < units.length && scores[j]! > 0) for (let k = i + 1; k < j; k++) scores[k] = Math.max(0, scores[k]!);
    i = j - 1;
  }
}

/**
 * A block of at least S.blockMinLines unflagged non-prose lines set one under the other (no
 * blank line between them: a table of contents, a numbered list, a fact box) weighs against
 * the span as S.blockPenaltyCap at most, shared out in proportion. Counted line by line, a
 * 25-entry contents list outweighed the story's lead above it and the story was cut there
 * (trafilatura-dev text dumps: popkultur.de, hearya.com); a menu of known furniture (flagged
 * lines) or set apart by blank lines still counts in full.
 */
function capBlockPenalties(units: readonly Unit[], scores: number[]): void {
  for (let i = 0; i < units.length; i++) {
    if (scores[i]! >= 0 || units[i]!.flag !== null) continue;
    let j = i + 1;
    let sum = scores[i]!;
    while (j < units.length && units[j]!.gap === 0 && units[j]!.flag === null && scores[j]! < 0) sum += scores[j++]!;
    if (j - i >= S.blockMinLines && sum < -S.blockPenaltyCap) for (let k = i; k < j; k++) scores[k] = (-S.blockPenaltyCap * scores[k]!) / sum;
    i = j - 1;
  }
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
  spareIntroducedBlocks(units, scores);
  capBlockPenalties(units, scores);
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
  return { start: subtitleStart(units, leadStart(units, start)), end, marker };
}

/**
 * The story's subtitle when the dump dropped its full stop: an unflagged line of at least
 * S.subtitleMinWords words right above the story, under its headline (at most
 * S.subtitleTitleGap units up, past date and byline lines: the first unflagged line there,
 * heading-like and sharing a word with the subtitle or the story's first paragraph). trafilatura-dev text dumps: lbv.de "Seit November
 * ausgefallener Sender wieder aktiv – Erfreuliche Flugdaten aus …", schwimmverband.at.
 */
function subtitleStart(units: readonly Unit[], start: number): number {
  const above = units[start - 1];
  if (!above || above.flag !== null || above.words < S.subtitleMinWords || CLEAN_END.test(above.text) || TRUNCATED_END.test(above.text)) return start;
  for (let i = start - 2; i >= Math.max(0, start - 1 - S.subtitleTitleGap); i--) {
    const heading = units[i]!;
    if (heading.flag !== null) continue;
    // The headline names what the story tells; a kicker ("vor 2 Stunden", a section) does not.
    return isHeadingLike(heading) && sharesWord(heading.text, `${above.text} ${units[start]?.text ?? ''}`) ? start - 1 : start;
  }
  return start;
}

const WORD = /\p{L}{4,}/gu;

/** Does a word of four letters or more of the (short) text `a` occur in `b` (case-insensitive)? */
function sharesWord(a: string, b: string): boolean {
  const words = a.toLowerCase().match(WORD);
  if (!words) return false;
  const haystack = b.toLowerCase();
  return words.some((w) => haystack.includes(w));
}

/** Lines a lead may sit above the story with: its date, byline, photo, share bar and known furniture. */
function isBetweenLeadAndStory(unit: Unit): boolean {
  switch (unit.flag) {
    case 'byline':
    case 'date':
    case 'dated':
    case 'caption':
    case 'boilerplate':
    case 'repeated':
      return true;
    case null:
      // A share bar's or gallery's unflagged words ("twittern", "E-Mail", "1/5"): no sentence.
      return unit.words <= S.leadGapMaxWords && !SENTENCE_END.test(unit.text);
    default:
      return false;
  }
}

/** Ends with a full stop that is not an ellipsis (a cut-off teaser or breadcrumb ends in "…" or "..."). */
const FULL_STOP_END = /$(?<=[^.…]\.["'”’»)]*)/u;

/**
 * A standfirst or first paragraph: prose, or a sentence of some length ending in a full stop
 * (a headline may end in "!" or "?", a teaser in "…").
 */
function isLead(unit: Unit): boolean {
  if (unit.flag !== null || TRUNCATED_END.test(unit.text)) return false;
  if (unit.words >= S.leadMinWords && FULL_STOP_END.test(unit.text)) return true;
  return unit.words >= S.proseMinWords && SENTENCE_END.test(unit.text);
}

/**
 * Where the story starts once its lead is counted: the standfirst (and first paragraphs) a
 * dump puts above the story's date, byline, photo or share bar weigh less than that furniture,
 * so the best run starts below them (trafilatura-dev text dumps: zeit.de, telebasel). A lead is
 * taken when only such lines, at most S.leadGapMaxLines of them, stand between it and the story.
 */
function leadStart(units: readonly Unit[], start: number): number {
  let first = start;
  let gap = 0;
  let unflagged = 0;
  for (let i = start - 1; i >= 0; i--) {
    const unit = units[i]!;
    if (isLead(unit)) {
      first = i;
      gap = 0;
      unflagged = 0;
      continue;
    }
    if (!isBetweenLeadAndStory(unit)) break;
    gap++;
    if (unit.flag === null) unflagged++;
    // A breadcrumb trail or a menu is a longer run of short unflagged lines than a share bar.
    if (gap > S.leadGapMaxLines || unflagged > S.leadGapMaxUnflagged) break;
  }
  return first;
}
