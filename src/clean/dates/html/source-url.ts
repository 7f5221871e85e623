import type { DateCandidate } from '../../types.js';
import { HTML_TEXT_CONFIDENCE } from '../../rules/dates-html.js';
import { formatDay, isPlausibleDay } from '../calendar.js';
import type { HtmlDateContext } from './context.js';

/** Dates in the page URL: /2021/07/14/, /2021-07-14-slug, /20210714/. */

const URL_DATE_PATTERNS: readonly { re: RegExp; note: string; dayFirst?: boolean }[] = [
  { re: /(?<![\d])((?:19|20)\d{2})[/_.-](0?[1-9]|1[0-2])[/_.-](0?[1-9]|[12]\d|3[01])(?![\d])/, note: 'WordPress /2021/07/14/slug, news /2021-07-14-slug' },
  { re: /(?<=[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/, note: '/20210714/ and -20210714- (archive paths)' },
  { re: /(?<=\/)(0?[1-9]|[12]\d|3[01])-(0?[1-9]|1[0-2])-((?:19|20)\d{2})(?=[/?#]|$)/, note: 'a whole path segment /29-10-2021 (weisser-ring.de press releases)', dayFirst: true },
];

function pathPart(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return m ? url.slice(m[0].length) : url;
}

export function urlCandidates(url: string | null, ctx: HtmlDateContext): DateCandidate[] {
  if (!url) return [];
  const path = pathPart(url);
  for (const { re, dayFirst } of URL_DATE_PATTERNS) {
    const m = re.exec(path);
    if (!m) continue;
    const p = dayFirst
      ? { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }
      : { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (isPlausibleDay(p, ctx.reference)) {
      return [{ date: formatDay(p), source: 'url', text: url, confidence: HTML_TEXT_CONFIDENCE.url }];
    }
  }
  return [];
}
