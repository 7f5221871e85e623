import type { Element } from 'domhandler';
import type { DateCandidate } from '../../types.js';
import { DATE_ELEMENT_TOKENS, MODIFIED_ELEMENT_TOKENS } from '../../rules/dates-html.js';
import { HTML_DATE_FACTORS as F, HTML_TEXT_CONFIDENCE as C, HTML_TEXT_LIMITS as L, SOFT_REGION_FACTOR } from '../../rules/dates-weights.js';
import { dateRole } from '../date-context.js';
import { findDates } from '../find-dates.js';
import type { ParsedDate } from '../parsed-date.js';
import type { PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { classAndId, contains, isElement } from '../../page/node.js';
import { spacedText } from '../../page/text.js';

/** Dates in the visible text: date-ish elements, then near the <h1>, then the page text. */

interface Pick {
  parsed: ParsedDate;
  factor: number;
}

/** The date a label marks as published, else the first plain one, else a modified one. */
function pickDate(text: string, ctx: HtmlDateContext): Pick | null {
  let best: Pick | null = null;
  for (const parsed of findDates(text, { dayFirst: ctx.dayFirst, referenceDate: ctx.referenceDate })) {
    const factor = F.role[dateRole(text, parsed.index)];
    if (factor > 0 && (!best || factor > best.factor)) best = { parsed, factor };
    if (factor >= F.role.published) break;
  }
  return best;
}

function candidate(pick: Pick, text: string, base: number, revision = false): DateCandidate {
  const relative = pick.parsed.kind === 'relative';
  const c: DateCandidate = {
    date: pick.parsed.date,
    source: relative ? 'relative' : 'text',
    text: text.length <= 160 ? text : pick.parsed.matched,
    confidence: roundConfidence(base * pick.factor * Math.min(1, pick.parsed.confidence + F.parsedLift)),
  };
  return revision || pick.factor === F.role.modified ? { ...c, revision: true } : c;
}

/**
 * Whether `el` sits in the site's masthead: a <header> (or role=banner) outside the article
 * that does not hold the page's <h1>. Its date is the edition's or today's ("Mittwoch,
 * 26.02.2020" beside the logo, "lun. 5 août 2019 Édition du matin"), not the story's.
 */
function inMasthead(el: Element, h1: Element | null): boolean {
  for (let node = el.parent; node && isElement(node); node = node.parent) {
    if (node.name === 'article' || node.name === 'main') return false;
    if (node.name === 'header' || node.attribs.role === 'banner') return !h1 || !contains(node, h1);
  }
  return false;
}

/**
 * Whether `el` sits in an <article> that does not hold the page's <h1> while the page has
 * one: a teaser of a list ("more stories", each its own <article>), not the story.
 */
function inOtherArticle(el: Element, h1: Element | null): boolean {
  if (!h1) return false;
  for (let node = el.parent; node && isElement(node); node = node.parent) {
    if (node.name === 'article') return !contains(node, h1);
  }
  return false;
}


export function dateElementCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  const repeats = new Map<string, number>();
  for (const e of scan.tokenElements) {
    const key = `${e.el.name}.${e.el.attribs.class ?? ''}`;
    repeats.set(key, (repeats.get(key) ?? 0) + 1);
  }
  let rank = 0;
  for (const entry of scan.tokenElements) {
    if (entry.excluded || rank >= L.maxDateElements) continue;
    const text = spacedText(entry.el, L.maxElementChars);
    if (text.length < 6 || !/\d/.test(text)) continue;
    const pick = pickDate(text, ctx) ?? titleAttributeDate(entry.el, ctx);
    if (!pick) continue;
    const tier = DATE_ELEMENT_TOKENS[entry.tier]?.confidence ?? C.pageText;
    const revision = MODIFIED_ELEMENT_TOKENS.test(classAndId(entry.el));
    const list = (repeats.get(`${entry.el.name}.${entry.el.attribs.class ?? ''}`) ?? 0) >= F.listRepeats && entry.el.attribs.class ? F.list : 1;
    const masthead = !entry.inArticle && inMasthead(entry.el, scan.h1?.el ?? null) ? F.masthead : 1;
    const teaser = entry.inArticle && inOtherArticle(entry.el, scan.h1?.el ?? null) ? F.teaserArticle : 1;
    const region = (entry.soft ? SOFT_REGION_FACTOR : 1) * list * masthead * teaser;
    const position = Math.max(F.rankFloor, 1 - rank * F.rankDecay) * region;
    out.push(candidate(pick, text, tier * (revision ? F.role.modified : 1) * position, revision));
    rank++;
  }
  return out;
}

/** Blogspot-style <abbr title="2021-07-14T10:00:00"> inside a date element. */
function titleAttributeDate(el: Element, ctx: HtmlDateContext): Pick | null {
  const title = el.attribs.title;
  if (!title) return null;
  const parsed = findDates(title, { dayFirst: ctx.dayFirst })[0];
  return parsed ? { parsed, factor: 1 } : null;
}

/** Text around the first <h1>: the dateline above or below a headline. */
export function nearTitleCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  const h1 = scan.h1?.el;
  if (!h1) return [];
  const title = spacedText(h1, 300);
  let container: Element = h1;
  let text = title;
  for (let level = 0; level < 3 && container.parent && isElement(container.parent); level++) {
    container = container.parent;
    if (container.name === 'body') break;
    text = spacedText(container, L.nearTitleChars * 3, (el) => scan.excludedRegions.has(el));
    if (text.length > title.length + L.nearTitleChars / 2) break;
  }
  const at = Math.max(0, text.indexOf(title));
  const window = text.slice(Math.max(0, at - 200), at + title.length + L.nearTitleChars);
  const pick = pickDate(window, ctx);
  return pick ? [candidate(pick, window, C.nearTitle)] : [];
}

/**
 * Last resort: the first plausible date in the page text outside excluded regions, else
 * (much less trusted) in the whole page but its comments.
 */
export function pageTextCandidates(scan: PageScan, ctx: HtmlDateContext): DateCandidate[] {
  if (!scan.body) return [];
  const text = spacedText(scan.body, L.pageTextChars, (el) => scan.excludedRegions.has(el));
  const pick = pickDate(text, ctx);
  if (pick) return [candidate(pick, text, C.pageText)];
  const whole = spacedText(scan.body, L.pageTextChars, (el) => scan.commentRegions.has(el));
  const rescue = pickDate(whole, ctx);
  return rescue ? [candidate(rescue, whole, C.pageTextRescue)] : [];
}
