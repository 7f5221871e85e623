import type { DateCandidate } from '../../types.js';
import { DECLARED_PUBLISHED_ITEMPROP, HATOM_DATE_CLASS, MODIFIED_ELEMENT_TOKENS, PUBLISHED_TIME_HINTS } from '../../rules/dates-html.js';
import { HTML_DATE_FACTORS as F, HTML_TEXT_CONFIDENCE as C, HTML_TEXT_LIMITS, SOFT_REGION_FACTOR } from '../../rules/dates-weights.js';
import { findDates } from '../find-dates.js';
import type { Placement } from '../../page/page-index.js';
import type { PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { classAndId } from '../../page/node.js';
import { spacedText } from '../../page/text.js';
import { parseMachineDate } from './machine-date.js';

/** <time datetime>, microdata itemprop dates on visible elements, and hAtom <abbr class="published">. */

function valueOf(entry: Placement, ctx: HtmlDateContext) {
  const a = entry.el.attribs;
  const attr = a.datetime ?? a.content ?? a.title;
  if (attr) {
    const parsed = parseMachineDate(attr, ctx.reference, ctx.dayFirst);
    if (parsed) return { parsed, text: attr.trim().slice(0, 80) };
  }
  const text = spacedText(entry.el, HTML_TEXT_LIMITS.maxElementChars);
  const parsed = findDates(text, { dayFirst: ctx.dayFirst, referenceDate: ctx.referenceDate })[0];
  return parsed ? { parsed, text } : null;
}

export function timeCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  let plainSeen = 0;
  for (const entry of scan.times) {
    const a = entry.el.attribs;
    if (entry.excluded) {
      // A <time itemprop=datePublished> in a "footer" is often the story's own footer (ahlen.de):
      // kept, but only strong enough to win on a page offering nothing else.
      if (!DECLARED_PUBLISHED_ITEMPROP.test(a.itemprop ?? '')) continue;
      const v = valueOf(entry, ctx);
      if (v && v.parsed.kind !== 'relative') out.push({ date: v.parsed.date, source: 'time', text: v.text, confidence: C.timeExcludedPublished });
      continue;
    }
    const v = valueOf(entry, ctx);
    if (!v || v.parsed.kind === 'relative') continue;
    const hints = `${classAndId(entry.el)} ${a.itemprop ?? ''}`;
    let base: number;
    if (MODIFIED_ELEMENT_TOKENS.test(hints)) base = C.timeModified;
    else if ('pubdate' in a || PUBLISHED_TIME_HINTS.test(hints)) base = C.timePublished;
    else base = plainSeen++ === 0 ? C.timeFirst : C.timeOther;
    const factor = (entry.inArticle ? 1 : F.timeOutsideArticle) * (entry.soft ? SOFT_REGION_FACTOR : 1);
    const c: DateCandidate = { date: v.parsed.date, source: 'time', text: v.text, confidence: roundConfidence(base * factor * Math.min(1, v.parsed.confidence + F.parsedLift)) };
    out.push(base === C.timeModified ? { ...c, revision: true } : c);
  }
  const timeDays = new Set(out.map((c) => c.date.slice(0, 10)));
  if (timeDays.size >= F.timeListMinDays) {
    for (let i = 1; i < out.length; i++) out[i] = { ...out[i]!, confidence: roundConfidence(out[i]!.confidence * F.timeList) };
  }
  for (const entry of scan.itemprops) {
    if (entry.excluded || entry.el.name === 'time') continue;
    const v = valueOf(entry, ctx);
    if (!v || v.parsed.kind === 'relative') continue;
    const prop = (entry.el.attribs.itemprop ?? '').toLowerCase();
    const modified = prop === 'datemodified' || prop === 'dateupdated';
    const base = (modified ? C.timeModified : C.timePublished) * (entry.soft ? SOFT_REGION_FACTOR : 1);
    const c: DateCandidate = { date: v.parsed.date, source: 'meta', text: v.text, confidence: roundConfidence(base * Math.min(1, v.parsed.confidence + F.parsedLift)) };
    out.push(modified ? { ...c, revision: true } : c);
  }
  for (const entry of scan.abbrs) {
    const cls = (entry.el.attribs.class ?? '').toLowerCase();
    if (entry.excluded || !HATOM_DATE_CLASS.test(cls)) continue;
    const v = valueOf(entry, ctx);
    if (!v || v.parsed.kind === 'relative') continue;
    const base = (cls.includes('published') ? C.abbrPublished : C.timeModified) * (entry.soft ? SOFT_REGION_FACTOR : 1);
    out.push({ date: v.parsed.date, source: 'time', text: v.text, confidence: roundConfidence(base * Math.min(1, v.parsed.confidence + F.parsedLift)) });
  }
  return out;
}
