import { DATE_ELEMENT_TOKENS } from '../rules/dates-html.js';
import { MAIN_CONTENT_CLASS, REGION_MODIFIER_PREFIXES, REGION_WORDS } from '../rules/page-regions.js';
import { alternatives, escapeRegExp } from '../regex-source.js';

/**
 * What class names and ids say of a page's regions, as the date reader reads them (see
 * rules/page-regions.ts; the extractor's pruning reads the same table its own way).
 */

const MODIFIERS = new Set(REGION_MODIFIER_PREFIXES);
const wordsFor = (keep: (row: (typeof REGION_WORDS)[number]) => boolean): string[] => REGION_WORDS.filter(keep).flatMap((row) => row.words);
const tokenStart = (tokens: readonly string[]): RegExp => new RegExp(`^(?:${tokens.map(escapeRegExp).join('|')})`);
const HARD_START = tokenStart(wordsFor((row) => row.dates === 'excluded'));
const SOFT_START = tokenStart(wordsFor((row) => row.dates === 'soft'));
const COMMENT_START = tokenStart(wordsFor((row) => row.dates === 'excluded' && row.comments === true));
/**
 * Any of those words anywhere in a lower-cased name: a word that starts a name or its last
 * part lies somewhere in it, and most class values hold none, so one scan of the whole value
 * spares splitting it and testing each name.
 */
const ANY_WORD = new RegExp(wordsFor((row) => row.dates !== undefined).map(escapeRegExp).join('|'));

const isSeparator = (c: string): boolean => c === '-' || c === '_';

/**
 * The first and last parts of a name split at "-" and "_" ("js-post-sidebar" → "js",
 * "sidebar"), or null when it has fewer than two parts. Read by index: no split, no arrays.
 */
function outerParts(lower: string): [string, string] | null {
  let start = 0;
  let end = lower.length;
  while (start < end && isSeparator(lower[start]!)) start++;
  while (end > start && isSeparator(lower[end - 1]!)) end--;
  let firstEnd = start;
  while (firstEnd < end && !isSeparator(lower[firstEnd]!)) firstEnd++;
  if (firstEnd === end) return null;
  let lastStart = end;
  while (!isSeparator(lower[lastStart - 1]!)) lastStart--;
  return [lower.slice(start, firstEnd), lower.slice(lastStart, end)];
}

/**
 * What one class name or id says of its region: excluded, soft-excluded, a comment section.
 * A word names the region when it starts the name, or starts its last part unless the first
 * part makes the name a modifier ("has-sidebar").
 */
export function regionOfName(name: string): { hard: boolean; soft: boolean; comment: boolean } {
  return regionOfLowerName(name.toLowerCase());
}

function regionOfLowerName(lower: string): { hard: boolean; soft: boolean; comment: boolean } {
  const parts = outerParts(lower);
  const last = parts !== null && !MODIFIERS.has(parts[0]) ? parts[1] : null;
  const names = (start: RegExp): boolean => start.test(lower) || (last !== null && start.test(last));
  return { hard: names(HARD_START), soft: names(SOFT_START), comment: names(COMMENT_START) };
}

/** What an element's class and id say, for the page walk. */
export interface NameInfo {
  hard: boolean;
  soft: boolean;
  /** Names a comment section. */
  comment: boolean;
  /** Names the main content (MAIN_CONTENT_CLASS). */
  main: boolean;
  /** Index into DATE_ELEMENT_TOKENS of the most specific token matched, -1 when none. */
  tier: number;
}

export const NO_NAMES: NameInfo = { hard: false, soft: false, comment: false, main: false, tier: -1 };

const TIER_RES = DATE_ELEMENT_TOKENS.map((t) => new RegExp(t.pattern, 'i'));
/** Any tier at all: most class names match none, and one test tells so instead of one per tier. */
const ANY_TIER = new RegExp(alternatives(DATE_ELEMENT_TOKENS), 'i');

function nameInfo(value: string, isClass: boolean): NameInfo {
  const tier = ANY_TIER.test(value) ? TIER_RES.findIndex((re) => re.test(value)) : -1;
  let hard = false;
  let soft = false;
  let comment = false;
  // Lower-cased whole: no whitespace changes case, and lower-casing never looks across it.
  const lower = value.toLowerCase();
  if (ANY_WORD.test(lower)) {
    for (const name of isClass ? lower.split(/\s+/).filter(Boolean) : [lower]) {
      const region = regionOfLowerName(name);
      hard ||= region.hard;
      soft ||= region.soft;
      comment ||= region.comment;
    }
  }
  return { hard, soft: !hard && soft, comment, main: isClass && MAIN_CONTENT_CLASS.test(value), tier };
}

function combine(a: NameInfo, b: NameInfo): NameInfo {
  if (b === NO_NAMES) return a;
  if (a === NO_NAMES) return b;
  const tier = a.tier < 0 ? b.tier : b.tier < 0 ? a.tier : Math.min(a.tier, b.tier);
  const hard = a.hard || b.hard;
  return { hard, soft: !hard && (a.soft || b.soft), comment: a.comment || b.comment, main: a.main || b.main, tier };
}

/** NameInfo of class and id values, each distinct value read once per page. */
export class NameReader {
  readonly #classes = new Map<string, NameInfo>();
  readonly #ids = new Map<string, NameInfo>();

  of(cls: string | undefined, id: string | undefined): NameInfo {
    return combine(this.#cached(cls, true, this.#classes), this.#cached(id, false, this.#ids));
  }

  #cached(value: string | undefined, isClass: boolean, cache: Map<string, NameInfo>): NameInfo {
    if (!value) return NO_NAMES;
    let info = cache.get(value);
    if (!info) {
      info = nameInfo(value, isClass);
      cache.set(value, info);
    }
    return info;
  }
}
