import type { Rejection } from '../../schemas/index.js';
import { textDateCandidates } from '../dates/index.js';
import { LineDates } from '../dates/line-dates.js';
import type { Block, Extraction } from '../types.js';
import { assignKinds } from './assign-kinds.js';
import { bylineOf } from '../lines/byline.js';
import { flagUnits } from './flag-units.js';
import { findTitle } from './head.js';
import { headByline } from './head-byline.js';
import { findMainSpan } from './main-span.js';
import { datelineOf, publisherOfHeader } from './metadata.js';
import { BULLET } from './patterns.js';
import { DOTTED_CAPITAL_I } from './seen-lines.js';
import { segment } from './segment.js';
import { splitCaptions } from './split-captions.js';
import type { Unit } from './unit.js';

export interface TextExtractOptions {
  /** YYYY-MM-DD: resolves relative dates ("on Friday"); without it they are ignored. */
  referenceDate?: string;
}

function toBlock(unit: Unit): Block {
  return unit.reason ? { text: unit.text, kind: unit.kind, reason: unit.reason, tag: 'line' } : { text: unit.text, kind: unit.kind, tag: 'line' };
}

function firstByline(units: readonly Unit[], upTo: number): string | null {
  for (let i = 0; i < upTo && i < units.length; i++) {
    const unit = units[i]!;
    if (unit.kind === 'byline') return bylineOf(unit.text);
  }
  return null;
}

/**
 * A plain-text dump → blocks and metadata. Finds the article as the best-scoring run of
 * prose lines (src/clean/text/main-span.ts), classifies everything else with the rule
 * tables, and reads title, byline, dateline, publisher and date candidates around it.
 */
export function extractText(text: string, opts: TextExtractOptions = {}): Extraction | Rejection {
  const segmented = segment(text);
  // Lines parsed for dates while flagging are not parsed again for date candidates.
  const lineDates = new LineDates(opts.referenceDate);
  flagUnits(segmented, opts.referenceDate, lineDates);
  const units = splitCaptions(segmented);
  const span = findMainSpan(units);
  if (!span) return { ok: false, reason: 'no-article', detail: 'no line of the text reads as article prose' };
  const firstBody = assignKinds(units, span, text.includes(DOTTED_CAPITAL_I));
  const titleIndex = findTitle(units, firstBody);
  if (titleIndex >= 0) {
    units[titleIndex]!.kind = 'title';
    units[titleIndex]!.reason = 'headline above the story';
  }
  const header = units[0]?.flag === 'header' ? units[0].text : null;
  const bodyStart = units[firstBody];
  const blocks = units.map(toBlock);
  return {
    format: 'text',
    blocks,
    title: titleIndex >= 0 ? units[titleIndex]!.text : null,
    byline: firstByline(units, firstBody + 3) ?? headByline(units, firstBody, titleIndex, lineDates),
    dateline: bodyStart?.kind === 'body' ? datelineOf(bodyStart.text) : null,
    publisher: header ? publisherOfHeader(header) : null,
    language: null,
    url: null,
    highlights: units.filter((u) => u.kind === 'highlight').map((u) => u.text.replace(BULLET, '')),
    captions: units.filter((u) => u.kind === 'caption').map((u) => u.text),
    dateCandidates: textDateCandidates(blocks, { referenceDate: opts.referenceDate, lineDates }),
    method: 'text',
  };
}
