import type { Rejection } from '../../schemas/index.js';
import type { Extraction } from '../types.js';

export interface HtmlExtractOptions {
  /** Page URL when known; the page's canonical/og:url is used otherwise. */
  url?: string | null;
  /** YYYY-MM-DD: resolves relative dates. */
  referenceDate?: string;
}

/** Placeholder until the HTML extractor lands (helper B replaces this file). */
export function extractHtml(_html: string, _opts: HtmlExtractOptions): Extraction | Rejection {
  return { ok: false, reason: 'no-article', detail: 'HTML extraction not available' };
}
