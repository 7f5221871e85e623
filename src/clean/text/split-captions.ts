import { CAPTION_MID } from '../lines/line-rules.js';
import type { Unit } from './unit.js';
import { countTidyWords } from '../word-count.js';

/** Shortest text after a mid-line credit worth keeping as its own unit, and shortest caption before it. */
const MIN_REST_CHARS = 20;
const MIN_CAPTION_CHARS = 20;
const MAX_CAPTION_CHARS = 400;

/** The caption part of a line with a credit inside it, or undefined. */
function captionPart(text: string): string | undefined {
  const found = CAPTION_MID.exec(text);
  if (!found || found.index < MIN_CAPTION_CHARS || found.index > MAX_CAPTION_CHARS) return undefined;
  return text.slice(0, found.index + found[0].length);
}

/**
 * Splits lines where a photo credit sits mid-line (seed 003: "… Qureshi. File Photos Qureshi
 * tells Blinken …"): the caption up to the credit becomes its own unit, flagged caption;
 * the rest is marked as following a caption.
 */
export function splitCaptions(units: Unit[]): Unit[] {
  // Copied only from the first split on: most dumps have none, and keep their array.
  let out: Unit[] | null = null;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const caption = unit.flag === null ? captionPart(unit.text) : undefined;
    const rest = caption ? unit.text.slice(caption.length).trim() : '';
    if (!caption || rest.length < MIN_REST_CHARS) {
      out?.push(unit);
      continue;
    }
    out ??= units.slice(0, i);
    out.push({ ...unit, text: caption.trim(), words: countTidyWords(caption), flag: 'caption', flagReason: 'photo caption or credit' });
    out.push({ ...unit, text: rest, words: countTidyWords(rest), gap: 0, afterCaption: true });
  }
  return out ?? units;
}
