import { LINE_SETTINGS as L } from '../rules/line-settings.js';
import { CAPTION_END, CAPTION_END_HINT, CREDIT_LINE } from './line-rules.js';

/**
 * A photo caption or credit line. `startRule` false: LINE_START_RULES already failed on the
 * line, so it is no bare credit line.
 */
export function isCaptionLine(text: string, startRule = true): boolean {
  if (text.length > L.metaMaxChars * 2) return false;
  if (startRule && text.length <= L.creditLineMaxChars && CREDIT_LINE.test(text)) return true;
  const tail = text.length > L.captionTailChars ? text.slice(-L.captionTailChars) : text;
  return CAPTION_END_HINT.test(tail) && CAPTION_END.test(tail);
}
