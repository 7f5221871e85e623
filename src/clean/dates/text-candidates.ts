import type { Block, DateCandidate } from '../types.js';
import { HEADER_LINE } from '../rules/dates-labels.js';
import { TEXT_DATE_WEIGHTS as W } from '../rules/dates-weights.js';
import { LINE_OPENER, TIME_AFTER_DATE, TIME_BEFORE_DATE } from '../rules/dates-patterns.js';
import { copyrightAt, dateRole, roleAfter } from './date-context.js';
import { inferDayFirst } from './day-order.js';
import { findDates } from './find-dates.js';
import { isDayWord } from './relative.js';
import type { ParsedDate } from './parsed-date.js';
import type { LineDates } from './line-dates.js';
import { dateLines, placeFactor, type DateLine } from './text-lines.js';
import { isTimestampLine, letterCount } from './timestamp-line.js';

/** A line "is" a date when little else is on it (a time, "Uhr", a separator, a short name). */
function isStandalone(line: string, d: ParsedDate): boolean {
  const rest = line.length - d.matched.length;
  return rest <= W.standaloneSlackChars || d.matched.length / line.length >= W.standaloneMinShare;
}

/** The date opens a line of a byline row or a story (see LINE_OPENER). */
function opensLine(line: string, d: ParsedDate): boolean {
  return d.index <= W.openerMaxOffset && LINE_OPENER.test(line.slice(0, d.index));
}

/** A time of day stands right beside the date (or in it): a site's own timestamp. */
function hasTime(line: string, d: ParsedDate): boolean {
  if (d.date.length > 10) return true;
  const end = d.index + d.matched.length;
  return TIME_AFTER_DATE.test(line.slice(end, end + W.timeWindowChars)) || TIME_BEFORE_DATE.test(line.slice(Math.max(0, d.index - W.timeWindowChars), d.index));
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

export interface TextDateOptions {
  /** YYYY-MM-DD: resolves relative dates and bounds the plausible range. Default: none. */
  referenceDate?: string;
  /** Dates already parsed from the same lines (the text extractor's flagger), reused where they apply. */
  lineDates?: LineDates;
}

/** letterCount per line, counted once however many dates the line holds. */
const LINE_LETTERS = new WeakMap<DateLine, number>();
function lineLetters(line: DateLine): number {
  let n = LINE_LETTERS.get(line);
  if (n === undefined) LINE_LETTERS.set(line, (n = letterCount(line.text)));
  return n;
}

function candidateFor(line: DateLine, d: ParsedDate): DateCandidate | null {
  const before = dateRole(line.text, d.index);
  const after = before === 'plain' || before === 'event' ? roleAfter(line.text, d.index + d.matched.length) : null;
  const role = after ?? before;
  if (role === 'copyright' || role === 'other') return null;
  const labelFactor = role === 'published' ? W.publishedLabel : role === 'modified' ? W.modifiedLabel : role === 'event' ? W.eventLead : 1;
  const roleFactor = d.kind === 'absolute' && hasTime(line.text, d) ? labelFactor * W.withTime : labelFactor;
  const evidence = line.text.length <= W.maxEvidenceChars ? line.text : d.matched;
  if (d.kind === 'relative') {
    // Page furniture says "3 hours ago" about other pages as often as about this one.
    if (line.zone !== 'article') return null;
    // A site's own "Yesterday, 10:32" stamp counts from the fetch day (the reference); in
    // prose "today" counts from the unknown writing day, so only weekday and "ago" phrases
    // are read there (seed 004 "on Friday").
    const stamp = isTimestampLine(line.text, d, lineLetters(line));
    if (!stamp && isDayWord(d.matched)) return null;
    const base = stamp ? W.relativeStandalone : W.relativeInText;
    return { date: d.date, source: 'relative', text: stamp ? evidence : d.matched, confidence: round(base * d.confidence * roleFactor * placeFactor(line, d.index)) };
  }
  if (line.blockNo < W.headerMaxLine && HEADER_LINE.test(line.text) && d.index <= W.headerMaxOffset) {
    return { date: d.date, source: 'header', text: line.text, confidence: round(W.header * d.confidence) };
  }
  if (line.kind === 'date' || line.kind === 'dateline' || isStandalone(line.text, d) || role === 'published' || opensLine(line.text, d)) {
    const base = W.datelineBase * d.confidence * roleFactor * placeFactor(line, d.index);
    return { date: d.date, source: 'dateline', text: evidence, confidence: round(base) };
  }
  const base = W.inTextBase * d.confidence * roleFactor * placeFactor(line, d.index);
  return { date: d.date, source: 'text', text: d.matched, confidence: round(base) };
}

function isFooter(line: string, firstDate: number): boolean {
  const mark = copyrightAt(line);
  return mark >= 0 && mark < firstDate;
}

interface LineCandidates {
  line: DateLine;
  cands: DateCandidate[];
}

/** findDates with the options' reference date, from opts.lineDates when it was parsed alike. */
function datesOf(text: string, dayFirst: boolean | undefined, opts: TextDateOptions): readonly ParsedDate[] {
  const lineDates = opts.lineDates;
  if (dayFirst === undefined && lineDates !== undefined && lineDates.referenceDate === opts.referenceDate) return lineDates.find(text);
  return findDates(text, { referenceDate: opts.referenceDate, dayFirst });
}

function readLines(lines: readonly DateLine[], dayFirst: boolean | undefined, opts: TextDateOptions): LineCandidates[] {
  const perLine: LineCandidates[] = [];
  for (const line of lines) {
    // The scraper's own "date …" header is its record of the page, not a date read from the
    // page: the reference date (meant for relative phrases) does not bound it.
    const header = line.blockNo < W.headerMaxLine && HEADER_LINE.test(line.text);
    const found = header ? findDates(line.text, { dayFirst }) : datesOf(line.text, dayFirst, opts);
    if (!found.length) continue;
    // A short line with a copyright mark before its dates is a footer; in a long block only
    // the dates right after the mark are (see dateRole). A mark after the date is a photo or
    // site credit on the byline row (5min.at "Veröffentlicht am 5. November 2023, 14:09 / ©5min.at").
    if (!header && line.text.length <= W.maxEvidenceChars && isFooter(line.text, found[0]!.index)) continue;
    const cands: DateCandidate[] = [];
    for (const d of found) {
      const c = candidateFor(line, d);
      if (c) cands.push(line.zone === 'article' ? c : { ...c, removedBlock: line.blockNo });
    }
    if (cands.length) perLine.push({ line, cands });
  }
  return perLine;
}

/** Candidates of lines in a run of dated lines (a list) count less. */
function discountLists(perLine: readonly LineCandidates[]): DateCandidate[] {
  return perLine.flatMap(({ cands }, i) => {
    const crowded = datedNeighbours(perLine, i) >= W.listMinNeighbours;
    return crowded ? cands.map((c) => (c.source === 'header' ? c : { ...c, confidence: round(c.confidence * W.listFactor) })) : cands;
  });
}

/**
 * Publication-date candidates from classified text blocks in reading order. Article blocks
 * count fully; the furniture around them is read only when the article offers no confident
 * date (W.furnitureBelowConfidence), and counts less; trailers and comments never count (see
 * text-lines.ts). Only the first lines are read (W.maxLines / W.maxChars), and copyright
 * lines never count. Of two otherwise equal dates the earlier ranks first.
 */
export function textDateCandidates(blocks: readonly Block[], opts: TextDateOptions = {}): DateCandidate[] {
  const { article, furniture } = dateLines(blocks);
  // The article's own numeric dates tell the order.
  const dayFirst = inferDayFirst(article.map((l) => l.text));
  const fromArticle = readLines(article, dayFirst, opts);
  const cands = discountLists(fromArticle);
  if (!furniture.length || cands.some((c) => c.confidence >= W.furnitureBelowConfidence)) return cands;
  const all = [...fromArticle, ...readLines(furniture, dayFirst, opts)].sort((a, b) => a.line.blockNo - b.line.blockNo);
  return discountLists(all);
}

/**
 * Dated lines within W.listWindowLines of line i: a run of them is a list (teasers, an
 * archive, comments), whose dates are other pages' dates.
 */
function datedNeighbours(perLine: readonly LineCandidates[], i: number): number {
  const at = perLine[i]!.line.blockNo;
  let n = 0;
  for (let j = i - 1; j >= 0 && at - perLine[j]!.line.blockNo <= W.listWindowLines; j--) n++;
  for (let j = i + 1; j < perLine.length && perLine[j]!.line.blockNo - at <= W.listWindowLines; j++) n++;
  return n;
}
