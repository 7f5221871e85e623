import type { Element } from 'domhandler';
import type { DateCandidate } from '../../types.js';
import { DATE_ELEMENT_TOKENS, HTML_TEXT_CONFIDENCE as C, HTML_TEXT_LIMITS as L, MODIFIED_ELEMENT_TOKENS, SOFT_REGION_FACTOR } from '../../rules/dates-html.js';
import { dateRole } from '../date-context.js';
import { findDates } from '../find-dates.js';
import type { ParsedDate } from '../parsed-date.js';
import type { PageScan } from './page-scan.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { classAndId, isElement } from '../../page/node.js';
import { spacedText } from '../../page/text.js';

/** Dates in the visible text: date-ish elements, then near the <h1>, then the page text. */

const ROLE_FACTOR = { published: 1.05, plain: 1, modified: 0.6, event: 0.6, other: 0, copyright: 0 } as const;
/** Each further date element in document order is trusted a little less. */
const RANK_DECAY = 0.04;
const RANK_FLOOR = 0.7;
const OUTSIDE_ARTICLE = 0.95;
/** A date element whose class recurs this often is one item of a list (teasers, comments). */
const LIST_REPEATS = 3;
const LIST_FACTOR = 0.8;

interface Pick {
  parsed: ParsedDate;
  factor: number;
}

/** The date a label marks as published, else the first plain one, else a modified one. */
function pickDate(text: string, ctx: HtmlDateContext): Pick | null {
  let best: Pick | null = null;
  for (const parsed of findDates(text, { dayFirst: ctx.dayFirst, referenceDate: ctx.referenceDate })) {
    const factor = ROLE_FACTOR[dateRole(text, parsed.index)];
    if (factor > 0 && (!best || factor > best.factor)) best = { parsed, factor };
    if (factor >= ROLE_FACTOR.published) break;
  }
  return best;
}

function candidate(pick: Pick, text: string, base: number): DateCandidate {
  const relative = pick.parsed.kind === 'relative';
  return {
    date: pick.parsed.date,
    source: relative ? 'relative' : 'text',
    text: text.length <= 160 ? text : pick.parsed.matched,
    confidence: roundConfidence(base * pick.factor * Math.min(1, pick.parsed.confidence + 0.1)),
  };
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
    const modified = MODIFIED_ELEMENT_TOKENS.test(classAndId(entry.el)) ? ROLE_FACTOR.modified : 1;
    const list = (repeats.get(`${entry.el.name}.${entry.el.attribs.class ?? ''}`) ?? 0) >= LIST_REPEATS && entry.el.attribs.class ? LIST_FACTOR : 1;
    const region = (entry.inArticle ? 1 : OUTSIDE_ARTICLE) * (entry.soft ? SOFT_REGION_FACTOR : 1) * list;
    const position = Math.max(RANK_FLOOR, 1 - rank * RANK_DECAY) * region;
    out.push(candidate(pick, text, tier * modified * position));
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
