import type { DateCandidate } from '../../types.js';
import { META_DATE_NAMES, type MetaDateName } from '../../rules/dates-html.js';
import { HTML_DATE_FACTORS as F, SOFT_REGION_FACTOR } from '../../rules/dates-weights.js';
import type { PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { parseMachineDate } from './machine-date.js';

/** <meta> publication dates (Open Graph, Dublin Core, schema.org microdata, vendor tags): one pass. */

const BY_KEY = new Map<string, MetaDateName>(META_DATE_NAMES.map((m) => [m.key, m]));
export const KEY_ATTRS = ['property', 'name', 'itemprop', 'http-equiv'] as const;

export function metaCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  const bodyDays = new Set<string>();
  const inBody = new Map(scan.bodyMetas.map((e) => [e.el, e]));
  for (const el of scan.metas) {
    const region = inBody.get(el);
    if (region?.excluded) continue;
    const factor = region?.soft ? SOFT_REGION_FACTOR : 1;
    const before = out.length;
    const value = el.attribs.content ?? el.attribs.datetime ?? el.attribs.value;
    if (!value) continue;
    for (const attr of KEY_ATTRS) {
      const key = el.attribs[attr]?.trim().toLowerCase();
      const rule = key ? BY_KEY.get(key) : undefined;
      if (!rule) continue;
      const parsed = parseMachineDate(value, ctx.reference, ctx.dayFirst);
      if (parsed) {
        const c: DateCandidate = { date: parsed.date, source: 'meta', text: `${key}=${value.trim().slice(0, 80)}`, confidence: roundConfidence(factor * rule.confidence * Math.min(1, parsed.confidence + F.parsedLift)) };
        out.push(rule.role === 'modified' ? { ...c, revision: true } : c);
      }
      break;
    }
    if (region && out.length > before) bodyDays.add(out[out.length - 1]!.date.slice(0, 10));
  }
  if (bodyDays.size < 2) return out;
  return out.map((c) => (bodyDays.has(c.date.slice(0, 10)) && !c.text.startsWith('article:') ? { ...c, confidence: roundConfidence(c.confidence * F.bodyMetaList) } : c));
}
