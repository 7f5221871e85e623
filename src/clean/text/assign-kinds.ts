import type { BlockKind } from '../../schemas/index.js';
import { TEXT_SETTINGS as S } from '../rules/text-settings.js';
import type { MainSpan } from './main-span.js';
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
};

const normalised = (text: string): string => text.toLowerCase();

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

/**
 * Gives every unit its block kind: furniture before the article (keeping date, byline and
 * caption lines near its top), lead bullets as highlights, the span as body minus flagged
 * lines and repeats, and what follows as boilerplate or, after a marker, trailer.
 */
export function assignKinds(units: Unit[], span: MainSpan): number {
  const firstBody = firstBodyIndex(units, span);
  const headStart = Math.max(0, firstBody - S.headLookback);
  const seen = new Set<string>();
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const flag = unit.flag;
    if (i < firstBody) {
      if (flag === 'header' || flag === 'boilerplate' || flag === 'trailer-marker') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else if (i >= span.start && (flag === 'bullet' || unit.afterCaption)) setKind(unit, 'highlight', 'summary before the story');
      else if (i >= headStart && flag !== null && flag !== 'bullet') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else setKind(unit, 'boilerplate', 'before the article');
      seen.add(normalised(unit.text));
    } else if (i < span.end) {
      const key = normalised(unit.text);
      if (flag !== null && flag !== 'bullet') setKind(unit, KIND_OF_FLAG[flag], unit.flagReason);
      else if (seen.has(key)) setKind(unit, 'duplicate', 'repeats an earlier line');
      else setKind(unit, 'body');
      seen.add(key);
    } else if (span.marker >= 0 && i >= span.marker) {
      const marker = units[span.marker]!.text;
      setKind(unit, 'trailer', i === span.marker ? `trailer-marker: ${marker}` : `after trailer-marker: ${marker}`);
    } else {
      setKind(unit, 'boilerplate', 'after the article');
    }
  }
  return firstBody;
}
