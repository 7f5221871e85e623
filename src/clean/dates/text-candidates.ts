import type { Block, DateCandidate } from '../types.js';
import type { BlockKind } from '../../schemas/index.js';
import { HEADER_LINE } from '../rules/dates-labels.js';
import { TEXT_DATE_WEIGHTS as W } from '../rules/dates-weights.js';
import { TIME_REST } from '../rules/dates-patterns.js';
import { dateRole, isCopyrightLine } from './date-context.js';
import { inferDayFirst } from './day-order.js';
import { findDates } from './find-dates.js';
import { isDayWord } from './relative.js';
import type { ParsedDate } from './parsed-date.js';

/** Blocks that belong to the article; dates in anything else (boilerplate, trailer, comments) never count. */
const KEPT_KINDS: ReadonlySet<BlockKind> = new Set(['title', 'byline', 'dateline', 'date', 'highlight', 'body', 'caption']);

/** A line "is" a date when little else is on it (a time, "Uhr", a separator, a short name). */
function isStandalone(line: string, d: ParsedDate): boolean {
  const rest = line.length - d.matched.length;
  return rest <= W.standaloneSlackChars || d.matched.length / line.length >= W.standaloneMinShare;
}

/** Besides the date, the line holds only a time of day and punctuation: a timestamp. */
function isTimestampLine(line: string, d: ParsedDate): boolean {
  const rest = line.slice(0, d.index) + line.slice(d.index + d.matched.length);
  return TIME_REST.test(rest);
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

/**
 * Confidence falls with distance from the top of the article (publication dates lead),
 * strictly, so of two otherwise equal dates the earlier always ranks first.
 */
function positionFactor(line: Line, d: ParsedDate): number {
  // Inside a long paragraph every charsPerLine characters count as one more line.
  const at = line.lineNo + Math.floor(d.index / W.charsPerLine);
  return W.positionHalfLife / (W.positionHalfLife + at);
}

/**
 * Whether a line is essentially a date (a dateline or timestamp such as "March 16, 2020",
 * "14. Juli 2021, 10:32 Uhr", "Published: 14.07.2021"), for block classifiers that want to
 * keep such lines as kind "date" instead of dropping them with the furniture around them.
 */
export function isDateLine(text: string, opts: TextDateOptions = {}): boolean {
  const line = text.trim();
  if (!line || line.length > W.maxEvidenceChars || isCopyrightLine(line)) return false;
  const d = findDates(line, { referenceDate: opts.referenceDate })[0];
  if (!d) return false;
  return isStandalone(line, d) || dateRole(line, d.index) === 'published' || isTimestampLine(line, d);
}

export interface TextDateOptions {
  /** YYYY-MM-DD: resolves relative dates and bounds the plausible range. Default: none. */
  referenceDate?: string;
}

interface Line {
  text: string;
  kind: BlockKind;
  lineNo: number;
}

function keptLines(blocks: readonly Block[]): Line[] {
  const lines: Line[] = [];
  let chars = 0;
  for (const block of blocks) {
    if (!KEPT_KINDS.has(block.kind)) continue;
    for (const raw of block.text.split('\n')) {
      const text = raw.trim();
      if (!text) continue;
      lines.push({ text, kind: block.kind, lineNo: lines.length });
      chars += text.length;
      if (lines.length >= W.maxLines || chars >= W.maxChars) return lines;
    }
  }
  return lines;
}

function candidateFor(line: Line, d: ParsedDate): DateCandidate | null {
  const role = dateRole(line.text, d.index);
  if (role === 'copyright') return null;
  const roleFactor = role === 'published' ? W.publishedLabel : role === 'modified' ? W.modifiedLabel : role === 'event' ? W.eventLead : 1;
  const evidence = line.text.length <= W.maxEvidenceChars ? line.text : d.matched;
  if (d.kind === 'relative') {
    // A site's own "Yesterday, 10:32" stamp counts from the fetch day (the reference); in
    // prose "today" counts from the unknown writing day, so only weekday and "ago" phrases
    // are read there (seed 004 "on Friday").
    const stamp = isTimestampLine(line.text, d);
    if (!stamp && isDayWord(d.matched)) return null;
    const base = stamp ? W.relativeStandalone : W.relativeInText;
    return { date: d.date, source: 'relative', text: stamp ? evidence : d.matched, confidence: round(base * d.confidence * roleFactor * positionFactor(line, d)) };
  }
  if (line.lineNo < W.headerMaxLine && HEADER_LINE.test(line.text) && d.index <= W.headerMaxOffset) {
    return { date: d.date, source: 'header', text: line.text, confidence: round(W.header * d.confidence) };
  }
  if (line.kind === 'date' || line.kind === 'dateline' || isStandalone(line.text, d) || role === 'published') {
    const base = W.datelineBase * d.confidence * roleFactor * positionFactor(line, d);
    return { date: d.date, source: 'dateline', text: evidence, confidence: round(base) };
  }
  const base = W.inTextBase * d.confidence * roleFactor * positionFactor(line, d);
  return { date: d.date, source: 'text', text: d.matched, confidence: round(base) };
}

/**
 * Publication-date candidates from classified text blocks in reading order. Only article
 * blocks are read (see KEPT_KINDS), only their first lines (W.maxLines / W.maxChars), and
 * copyright lines never count. Of two otherwise equal dates the earlier ranks first.
 */
export function textDateCandidates(blocks: readonly Block[], opts: TextDateOptions = {}): DateCandidate[] {
  const lines = keptLines(blocks);
  const dayFirst = inferDayFirst(lines.map((l) => l.text));
  const out: DateCandidate[] = [];
  const perLine: { line: Line; cands: DateCandidate[] }[] = [];
  for (const line of lines) {
    // A short line with a copyright mark is a footer; in a long block only the dates right
    // after the mark are (see dateRole).
    if (line.text.length <= W.maxEvidenceChars && isCopyrightLine(line.text) && !HEADER_LINE.test(line.text)) continue;
    const cands: DateCandidate[] = [];
    // The scraper's own "date …" header is its record of the page, not a date read from the
    // page: the reference date (meant for relative phrases) does not bound it.
    const header = line.lineNo < W.headerMaxLine && HEADER_LINE.test(line.text);
    const found = header ? findDates(line.text, { dayFirst }) : findDates(line.text, { referenceDate: opts.referenceDate, dayFirst });
    for (const d of found) {
      const c = candidateFor(line, d);
      if (c) cands.push(c);
    }
    if (cands.length) perLine.push({ line, cands });
  }
  return perLine.flatMap(({ line, cands }, i) => {
    const crowded = datedNeighbours(perLine, i) >= W.listMinNeighbours;
    return crowded ? cands.map((c) => (c.source === 'header' ? c : { ...c, confidence: round(c.confidence * W.listFactor) })) : cands;
  });
}

/**
 * Dated lines within W.listWindowLines of line i: a run of them is a list (teasers, an
 * archive, comments), whose dates are other pages' dates.
 */
function datedNeighbours(perLine: readonly { line: Line; cands: DateCandidate[] }[], i: number): number {
  const at = perLine[i]!.line.lineNo;
  let n = 0;
  for (let j = i - 1; j >= 0 && at - perLine[j]!.line.lineNo <= W.listWindowLines; j--) n++;
  for (let j = i + 1; j < perLine.length && perLine[j]!.line.lineNo - at <= W.listWindowLines; j++) n++;
  return n;
}
