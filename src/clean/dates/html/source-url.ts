import type { DateCandidate } from '../../types.js';
import { URL_DATE_PATTERNS } from '../../rules/dates-html.js';
import { HTML_TEXT_CONFIDENCE } from '../../rules/dates-weights.js';
import { formatDay, isPlausibleDay } from '../calendar.js';
import type { HtmlDateContext } from './context.js';

/** Dates in the page URL: /2021/07/14/, /2021-07-14-slug, /20210714/. */

function pathPart(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return m ? url.slice(m[0].length) : url;
}

export function urlCandidates(url: string | null, ctx: HtmlDateContext): DateCandidate[] {
  if (!url) return [];
  const path = pathPart(url);
  for (const { re } of URL_DATE_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const p = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (isPlausibleDay(p, ctx.reference)) {
      return [{ date: formatDay(p), source: 'url', text: url, confidence: HTML_TEXT_CONFIDENCE.url }];
    }
  }
  return [];
}
