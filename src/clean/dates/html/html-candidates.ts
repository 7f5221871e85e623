import type { CheerioAPI } from 'cheerio';
import type { JsonLdCache } from '../../page/json-ld-cache.js';
import { indexPage, type PageIndex } from '../../page/page-index.js';
import { HTML_DATE_FACTORS as F } from '../../rules/dates-weights.js';
import type { DateCandidate } from '../../types.js';
import { parseIsoDay } from '../calendar.js';
import { inferDayFirst } from '../day-order.js';
import { localizeUtcDates, preferLocalNeighbours } from '../local-day.js';
import { scanOf, type PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { jsonLdCandidates, scriptCandidates } from './source-jsonld.js';
import { metaCandidates } from './source-meta.js';
import { timeCandidates } from './source-time.js';
import { urlCandidates } from './source-url.js';
import { dateElementCandidates, nearTitleCandidates, pageTextCandidates } from './source-visible.js';

export interface HtmlDateOptions {
  /** The page URL when known (input URL, else canonical/og:url); its path may carry the date. */
  url: string | null;
  /** YYYY-MM-DD: resolves relative dates and bounds the plausible range. Default: none. */
  referenceDate?: string;
  /** The page's JSON-LD parses, shared with the other readers of the page. Default: parsed here. */
  jsonLd?: JsonLdCache;
  /** The page's index (page/page-index.ts), when the caller has it. Default: indexed here. */
  index?: PageIndex;
}


function ogUrl(metas: PageScan['metas']): string | null {
  for (const el of metas) {
    const key = (el.attribs.property ?? el.attribs.name ?? '').toLowerCase();
    if (key === 'og:url' && el.attribs.content) return el.attribs.content;
  }
  return null;
}

function withAgreement(cands: DateCandidate[]): DateCandidate[] {
  const sources = new Map<string, Set<string>>();
  for (const c of cands) {
    const day = c.date.slice(0, 10);
    const set = sources.get(day) ?? new Set<string>();
    set.add(c.source);
    sources.set(day, set);
  }
  return cands.map((c) => {
    const n = (sources.get(c.date.slice(0, 10))?.size ?? 1) - 1;
    return n > 0 ? { ...c, confidence: roundConfidence(c.confidence + Math.min(n, F.agreementMax) * F.agreementBonus) } : c;
  });
}

/**
 * Publication-date candidates from a parsed page, from the most to the least structured
 * source: JSON-LD, meta tags, <time>/microdata, the URL, date-ish elements, the text near
 * the <h1>, the page text. Comments, related lists, sidebars and footers are never read.
 * Returned most confident first.
 */
export function htmlDateCandidates($: CheerioAPI, opts: HtmlDateOptions): DateCandidate[] {
  const root = $.root()[0];
  if (!root) return [];
  const scan = scanOf(opts.index ?? indexPage(root));
  const url = opts.url ?? scan.canonical ?? ogUrl(scan.metas);
  const ctx: HtmlDateContext = {
    reference: parseIsoDay(opts.referenceDate),
    referenceDate: opts.referenceDate,
    dayFirst: inferDayFirst([], { lang: scan.lang, url }),
  };
  // A source or row weighted 0 is switched off: it neither wins nor counts as agreement.
  const live = (found: DateCandidate[]): DateCandidate[] => found.filter((c) => c.confidence > 0);
  const cands: DateCandidate[] = live([
    ...jsonLdCandidates(scan.jsonLd, ctx, opts.jsonLd),
    ...metaCandidates(scan, ctx),
    ...timeCandidates(scan, ctx),
    ...urlCandidates(url, ctx),
    ...dateElementCandidates(scan, ctx),
  ]);
  if (!cands.some((c) => c.confidence >= F.strongEnough)) {
    cands.push(...live([...nearTitleCandidates(scan, ctx), ...scriptCandidates(scan.scripts, ctx)]));
    if (!cands.length) cands.push(...live(pageTextCandidates(scan, ctx)));
  }
  const local = localizeUtcDates(cands, { lang: scan.lang, url });
  return preferLocalNeighbours(withAgreement(local)).sort((a, b) => b.confidence - a.confidence);
}
