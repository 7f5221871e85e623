import type { BlockKind } from '../../schemas/index.js';
import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import { isTableRow, spanScore, type MainSpan } from './main-span.js';
import { BULLET } from './patterns.js';
import { SeenLines } from './seen-lines.js';
import type { Unit, UnitFlag } from './unit.js';

/** Block kind of a flagged unit inside the article or its head. */
const KIND_OF_FLAG: Record<Exclude<UnitFlag, null | 'bullet'>, BlockKind> = {
  'header': 'date',
  'trailer-marker': 'trailer',
  'boilerplate': 'boilerplate',
  'caption': 'caption',
  'byline': 'byline',
  'date': 'date',
  'duplicate': 'duplicate',
  'repeated': 'boilerplate',
  'teaser': 'boilerplate',
  'comment': 'comment',
  'dated': 'date',
};

function setKind(unit: Unit, kind: BlockKind, reason?: string): void {
  unit.kind = kind;
  unit.reason = reason;
}

/** Index of the first story paragraph in the span: not flagged, not a lead bullet, not a caption's summary. */
export function firstBodyIndex(units: readonly Unit[], span: MainSpan): number {
  for (let i = span.start; i < span.end; i++) {
    const unit = units[i]!;
    if (unit.flag === null && !unit.afterCaption) return i;
  }
  return span.start;
}

/** Furniture (known boilerplate, repeated lines) between the story and its head counts less toward the lookback. */
function lookbackWeight(unit: Unit): number {
  return unit.flag === 'boilerplate' || unit.flag === 'repeated' ? S.furnitureLookbackWeight : 1;
}

/** First index of the head: S.headLookback weighted units above the first body unit. */
export function headStartIndex(units: readonly Unit[], firstBody: number): number {
  let weight = 0;
  let i = firstBody;
  while (i > 0 && weight + lookbackWeight(units[i - 1]!) <= S.headLookback) {
    i--;
    weight += lookbackWeight(units[i]!);
  }
  return i;
}

/** One past the last unit of the tail: S.tailLookahead weighted units below the span, never past a marker. */
function tailEndIndex(units: readonly Unit[], span: MainSpan): number {
  const limit = span.marker >= 0 ? span.marker : units.length;
  let weight = 0;
  let i = span.end;
  while (i < limit && weight + lookbackWeight(units[i]!) <= S.tailLookahead) {
    weight += lookbackWeight(units[i]!);
    i++;
  }
  return i;
}

const NUMBERED = /^\d{1,3}[.)]\s/u;
const INTRODUCES = /:\s*$/u;

/** A line that argues against the span and is no table row: menu item, box heading, sign-up prompt. */
function isFurnitureLine(unit: Unit): boolean {
  return unit.flag !== 'trailer-marker' && spanScore(unit) < 0 && !isTableRow(unit);
}

function isListItem(unit: Unit): boolean {
  return unit.flag === 'bullet' || BULLET.test(unit.text) || NUMBERED.test(unit.text);
}

/**
 * Indexes of units in runs of non-prose lines inside the story (from its first body unit to
 * the span's end): boxes the dump flattened into the article ("Read more" and its links, a
 * newsletter sign-up, an author box). A story's own list is spared: introduced by a line
 * ending in ":" (just above the run or opening it), or mostly bulleted or numbered items.
 */
function furnitureRuns(units: readonly Unit[], firstBody: number, end: number): Set<number> {
  const runs = new Set<number>();
  let i = firstBody;
  while (i < end) {
    if (!isFurnitureLine(units[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let items = 0;
    while (j < end && isFurnitureLine(units[j]!)) {
      if (isListItem(units[j]!)) items++;
      j++;
    }
    const introduced = (i > 0 && INTRODUCES.test(units[i - 1]!.text)) || INTRODUCES.test(units[i]!.text);
    if (j - i >= S.furnitureRunMinLines && !introduced && items * 2 < j - i) for (let k = i; k < j; k++) runs.add(k);
    i = j;
  }
  return runs;
}

/** Date and byline lines keep their kind around the story (they date and sign it); the rest is furniture. */
const META_FLAGS: ReadonlySet<UnitFlag> = new Set(['date', 'byline', 'dated']);

/**
 * Gives every unit its block kind: furniture before the article (keeping date, byline and
 * caption lines near its top), lead bullets as highlights, the span as body minus flagged
 * lines and repeats, date and byline lines just below it (post footers), and what follows
 * as boilerplate or, after a marker, trailer. `mayHoldDottedI` false: no unit holds U+0130
 * (see SeenLines).
 */
export function assignKinds(units: Unit[], span: MainSpan, mayHoldDottedI = true): number {
  const firstBody = firstBodyIndex(units, span);
  const headStart = headStartIndex(units, firstBody);
  const tailEnd = tailEndIndex(units, span);
  const boxes = furnitureRuns(units, firstBody, span.end);
  // Lines above, compared case-insensitively: a story line repeating one is a duplicate.
  const seen = new SeenLines(mayHoldDottedI);
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    // A line that merely carries a date is metadata only around the story; inside it, text.
    const flag = unit.flag === 'dated' && i >= firstBody && i < span.end ? null : unit.flag;
    if (i < firstBody) {
      if (flag === 'header' || flag === 'boilerplate' || flag === 'trailer-marker') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else if (i >= span.start && (flag === 'bullet' || unit.afterCaption)) setKind(unit, 'highlight', 'summary before the story');
      else if (i >= headStart && flag === 'bullet' && unit.words >= S.highlightMinWords) setKind(unit, 'highlight', 'summary before the story');
      else if (i >= headStart && flag !== null && flag !== 'bullet') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else setKind(unit, 'boilerplate', 'before the article');
      seen.add(unit.text);
    } else if (i < span.end) {
      if (flag !== null && flag !== 'bullet') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else if (boxes.has(i)) setKind(unit, 'boilerplate', 'run of non-prose lines inside the article');
      else if (seen.has(unit.text)) setKind(unit, 'duplicate', 'repeats an earlier line');
      else setKind(unit, 'body');
      seen.add(unit.text);
    } else if (span.marker >= 0 && i >= span.marker) {
      const marker = units[span.marker]!.text;
      setKind(unit, 'trailer', i === span.marker ? `trailer-marker: ${marker}` : `after trailer-marker: ${marker}`);
    } else if (i < tailEnd && META_FLAGS.has(flag)) {
      setKind(unit, KIND_OF_FLAG[flag as 'date' | 'byline' | 'dated'], `${unit.flagReason} below the story`);
    } else {
      setKind(unit, 'boilerplate', 'after the article');
    }
  }
  cutShortTail(units, firstBody, span.end);
  return firstBody;
}

/**
 * The last one or two body units of the span, when furniture (at least S.shortTailMinGap
 * units of it) stands between them and the story and they are short beside it (under
 * S.shortTailMaxShare of its length): an author box, a newsletter or donation plea, a licence
 * line the best run took in because its prose outweighed the furniture above it
 * (trafilatura-dev text dumps: 29 such tails held "without" snippets, none a "with" one).
 */
function cutShortTail(units: Unit[], firstBody: number, end: number): void {
  const body: number[] = [];
  for (let i = firstBody; i < end; i++) if (units[i]!.kind === 'body') body.push(i);
  for (let k = 1; k <= S.shortTailMaxUnits && body.length - k >= S.shortTailMinStoryUnits; k++) {
    const first = body[body.length - k]!;
    const above = body[body.length - k - 1]!;
    if (first - above - 1 < S.shortTailMinGap) continue;
    let tail = 0;
    let story = 0;
    for (let j = 0; j < body.length; j++) {
      const length = units[body[j]!]!.text.length;
      if (j >= body.length - k) tail += length;
      else story += length;
    }
    if (tail >= S.shortTailMaxShare * story) return;
    for (let j = body.length - k; j < body.length; j++) setKind(units[body[j]!]!, 'boilerplate', 'short tail after furniture below the story');
    return;
  }
}
