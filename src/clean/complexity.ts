import type { Rejection } from '../schemas/index.js';
import { CLEAN_SETTINGS } from './rules/clean-settings.js';

/** `<` followed by a letter, `!` (comment, doctype) or `?`: where the parser may make a node. */
function opensMarkup(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x21 || code === 0x3f;
}

/** Tags and comments in `text`, counted up to `limit + 1` (past the limit the exact count is moot). */
export function countMarkup(text: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf('<'); i >= 0 && count <= limit; i = text.indexOf('<', i + 1)) {
    if (opensMarkup(text.charCodeAt(i + 1))) count++;
  }
  return count;
}

/** Lines of decoded text (its breaks are all "\n" by then), counted up to `limit + 1`. */
export function countLines(text: string, limit: number): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0 && count <= limit; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * What one input may cost is bounded before the work that grows with it: the parse and
 * extraction cost heap and time per tag (HTML) or per line (text), far more than per byte.
 * One scan of the text; null when the input is within the limits.
 */
export function tooComplex(text: string, format: 'html' | 'text'): Rejection | null {
  if (format === 'html') {
    const limit = CLEAN_SETTINGS.maxHtmlTags;
    if (countMarkup(text, limit) <= limit) return null;
    return { ok: false, reason: 'too-complex', detail: `the page has more than ${limit} tags and comments` };
  }
  const limit = CLEAN_SETTINGS.maxTextLines;
  if (countLines(text, limit) <= limit) return null;
  return { ok: false, reason: 'too-complex', detail: `the text has more than ${limit} lines` };
}
