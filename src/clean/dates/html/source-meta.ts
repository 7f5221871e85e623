import type { DateCandidate } from '../../types.js';
import { META_DATE_NAMES, SOFT_REGION_FACTOR, type MetaDateName } from '../../rules/dates-html.js';
import type { PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { parseMachineDate } from './machine-date.js';

/** <meta> publication dates (Open Graph, Dublin Core, schema.org microdata, vendor tags): one pass. */

const BY_KEY = new Map<string, MetaDateName>(META_DATE_NAMES.map((m) => [m.key, m]));
const KEY_ATTRS = ['property', 'name', 'itemprop', 'http-equiv'] as const;

/** <meta> in <body> belong to some item's microdata: the article's, or a teaser's in a list. */
const BODY_META_FACTOR = 0.95;
/** Body metas naming two or more different days are a list of items, not the article. */
const BODY_META_LIST_FACTOR = 0.75;

export function metaCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  const bodyDays = new Set<string>();
  const inBody = new Map(scan.bodyMetas.map((e) => [e.el, e]));
  for (const el of scan.metas) {
    const region = inBody.get(el);
    if (region?.excluded) continue;
    const factor = region ? BODY_META_FACTOR * (region.soft ? SOFT_REGION_FACTOR : 1) : 1;
    const before = out.length;
    const value = el.attribs.content ?? el.attribs.datetime ?? el.attribs.value;
    if (!value) continue;
    for (const attr of KEY_ATTRS) {
      const key = el.attribs[attr]?.trim().toLowerCase();
      const rule = key ? BY_KEY.get(key) : undefined;
      if (!rule) continue;
      const parsed = parseMachineDate(value, ctx.reference, ctx.dayFirst);
      if (parsed) {
        out.push({ date: parsed.date, source: 'meta', text: `${key}=${value.trim().slice(0, 80)}`, confidence: roundConfidence(factor * rule.confidence * Math.min(1, parsed.confidence + 0.1)) });
      }
      break;
    }
    if (region && out.length > before) bodyDays.add(out[out.length - 1]!.date.slice(0, 10));
  }
  if (bodyDays.size < 2) return out;
  return out.map((c) => (bodyDays.has(c.date.slice(0, 10)) && !c.text.startsWith('article:') ? { ...c, confidence: roundConfidence(c.confidence * BODY_META_LIST_FACTOR) } : c));
}
