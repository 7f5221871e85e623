import type { ParentNode } from 'domhandler';
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

const MARKUP_SOURCES = new Set<DateCandidate['source']>(['jsonld', 'meta', 'time']);
const VISIBLE_SOURCES = new Set<DateCandidate['source']>(['text']);
const dayOf = (c: DateCandidate): string => c.date.slice(0, 10);

/**
 * A page that shows its reader a later date than the one its markup publishes, and whose own
 * markup names that later day as its revision (dateModified, article:modified_time, a <time
 * class="updated">), is dated by the revision: it presents itself as that day's page ("Updated
 * June 13, 2019", a re-run story's new date line), and readers and both date sets take the
 * date the page shows. Either signal alone is not enough: a bare dateModified is often a
 * template's touch, a visible later date may be another item's. The visible date must be a
 * plain one (a date labelled "Updated" is the original's companion: the sets disagree on those)
 * on a date line (not inside a comment's prose), and not one of a list. The revision's candidates are put just above the best one.
 */
function shownRevision(cands: DateCandidate[]): DateCandidate[] {
  let best: DateCandidate | null = null;
  for (const c of cands) if (!best || c.confidence > best.confidence) best = c;
  if (!best) return cands;
  const bestDay = dayOf(best);
  const revised = new Set(cands.filter((c) => c.revision && MARKUP_SOURCES.has(c.source)).map(dayOf));
  let shown: string | null = null;
  let shownConfidence = 0;
  for (const c of cands) {
    const d = dayOf(c);
    if (d > bestDay && revised.has(d) && VISIBLE_SOURCES.has(c.source) && !c.revision && c.text.length <= F.shownRevisionMaxChars && c.confidence >= F.shownRevisionMin && c.confidence > shownConfidence) {
      shown = d;
      shownConfidence = c.confidence;
    }
  }
  // Several <time> elements on that day are a list of the day's items (a "latest news" rail of
  // a site rebuilt that day), not the page's own revision.
  if (shown === null || cands.filter((c) => c.source === 'time' && dayOf(c) === shown).length > 1) return cands;
  const lift = roundConfidence(best.confidence + 0.01);
  return cands.map((c) => (dayOf(c) === shown ? { ...c, confidence: lift } : dayOf(c) === bestDay && lift <= best.confidence ? { ...c, confidence: roundConfidence(best.confidence - 0.01) } : c));
}

/**
 * Publication-date candidates from a parsed page, from the most to the least structured
 * source: JSON-LD, meta tags, <time>/microdata, the URL, date-ish elements, the text near
 * the <h1>, the page text. Comments, related lists, sidebars and footers are never read.
 * Returned most confident first.
 */
export function htmlDateCandidates(root: ParentNode, opts: HtmlDateOptions): DateCandidate[] {
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
  return shownRevision(preferLocalNeighbours(withAgreement(local))).sort((a, b) => b.confidence - a.confidence);
}
