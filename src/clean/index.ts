import type { Rejection } from '../schemas/index.js';
import { assemble } from './assemble.js';
import { tooComplex } from './complexity.js';
import { decode } from './decode.js';
import { detectFormat } from './detect-format.js';
import { extractHtml } from './html/index.js';
import { CLEAN_SETTINGS } from './rules/clean-settings.js';
import { extractText } from './text/index.js';
import type { CleanOptions, CleanResult, Extraction, RawInput } from './types.js';

export type { CleanOptions, CleanResult, RawInput } from './types.js';

function isRejection(value: Extraction | Rejection): value is Rejection {
  return 'ok' in value && value.ok === false;
}

function cleanUnguarded(input: RawInput, options: CleanOptions): CleanResult {
  const maxBytes = options.maxBytes ?? CLEAN_SETTINGS.maxBytes;
  if (input.bytes.length > maxBytes) {
    return { ok: false, reason: 'too-large', detail: `the input has ${input.bytes.length} bytes, over the limit of ${maxBytes}` };
  }
  const decoded = decode(input.bytes, { maxBytes });
  if (!decoded.ok) return decoded;
  const format = detectFormat(decoded.text, input.name);
  const complex = tooComplex(decoded.text, format);
  if (complex) return complex;
  const extraction =
    format === 'html'
      ? extractHtml(decoded.text, { url: input.url ?? null, referenceDate: options.referenceDate })
      : extractText(decoded.text, { referenceDate: options.referenceDate });
  if (isRejection(extraction)) return extraction;
  return assemble(extraction, { input, options, inputChars: decoded.text.length, encoding: decoded.encoding });
}

/**
 * Raw scraped bytes → a validated CleanRecord or a rejection value. Pure: no I/O, no clock
 * (options.processedAt and options.referenceDate carry time in). Never throws: an internal
 * error becomes a "failed" rejection with the error message, so a bad input cannot kill a
 * worker — but such an error is a bug to fix, not a result.
 */
export function clean(input: RawInput, options: CleanOptions): CleanResult {
  try {
    return cleanUnguarded(input, options);
  } catch (err) {
    return { ok: false, reason: 'failed', detail: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  }
}
