import type { DateCandidate } from '../../types.js';
import { JsonLdCache, NOT_JSON } from '../../page/json-ld-cache.js';
import { JSONLD_ARTICLE_TYPES, JSONLD_PAGE_TYPES, JSONLD_SKIP_KEYS, SCRIPT_DATE_KEYS } from '../../rules/dates-html.js';
import { HTML_DATE_FACTORS as F, HTML_SCAN_LIMITS, JSONLD_CONFIDENCE as C, SCRIPT_KEY_CONFIDENCE } from '../../rules/dates-weights.js';
import { roundConfidence, type HtmlDateContext } from './context.js';
import { parseMachineDate } from './machine-date.js';

/** JSON-LD datePublished (and friends) at any depth, @graph and arrays included. */

const ARTICLE_TYPES = new Set(JSONLD_ARTICLE_TYPES);
const PAGE_TYPES = new Set(JSONLD_PAGE_TYPES);
const SKIP_KEYS = new Set(JSONLD_SKIP_KEYS);
/** JSON-LD that does not parse (trailing commas, CDATA, two objects glued): read the keys with a regex. */
const LOOSE_KEY = /"(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]{6,40})"/g;
const SCRIPT_KEY = new RegExp(`["']?(?:${SCRIPT_DATE_KEYS.join('|')})["']?\\s*[:=]\\s*["']([^"']{6,40})["']`, 'g');

type Kind = 'article' | 'page' | 'other';

function kindOf(node: Record<string, unknown>): Kind {
  const t = node['@type'];
  const types = (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
  if (types.some((x) => ARTICLE_TYPES.has(x))) return 'article';
  if (types.some((x) => PAGE_TYPES.has(x))) return 'page';
  return 'other';
}

function confidenceFor(kind: Kind, key: 'datePublished' | 'dateCreated' | 'dateModified'): number {
  if (key === 'dateModified') return C.modified;
  if (key === 'dateCreated') return C.created;
  return kind === 'article' ? C.articlePublished : kind === 'page' ? C.pagePublished : C.otherPublished;
}

function push(out: DateCandidate[], value: unknown, confidence: number, ctx: HtmlDateContext, revision = false): void {
  if (typeof value !== 'string') return;
  const parsed = parseMachineDate(value, ctx.reference, ctx.dayFirst);
  if (!parsed) return;
  const c: DateCandidate = { date: parsed.date, source: 'jsonld', text: value.trim().slice(0, 80), confidence: roundConfidence(confidence * Math.min(1, parsed.confidence + F.parsedLift)) };
  out.push(revision ? { ...c, revision } : c);
}

function walk(root: unknown, out: DateCandidate[], ctx: HtmlDateContext): void {
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length && seen++ < HTML_SCAN_LIMITS.maxJsonLdNodes) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const obj = node as Record<string, unknown>;
    const kind = kindOf(obj);
    for (const key of ['datePublished', 'dateCreated', 'dateModified'] as const) {
      push(out, obj[key], confidenceFor(kind, key), ctx, key === 'dateModified');
    }
    for (const [key, value] of Object.entries(obj)) {
      if (value && typeof value === 'object' && !SKIP_KEYS.has(key.toLowerCase())) stack.push(value);
    }
  }
}

/** Walks a parsed script; false (read it with the loose scan) when it did not parse or the walk failed. */
function walked(value: unknown, out: DateCandidate[], ctx: HtmlDateContext): boolean {
  if (value === NOT_JSON) return false;
  try {
    walk(value, out, ctx);
    return true;
  } catch {
    return false;
  }
}

/** `cache` shares the parses with the article reader (src/clean/html/jsonld.ts). */
export function jsonLdCandidates(blocks: readonly string[], ctx: HtmlDateContext, cache = new JsonLdCache()): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const raw of blocks) {
    const text = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\/\/\s*/, '');
    if (!text || text.length > HTML_SCAN_LIMITS.maxScriptChars) continue;
    if (walked(cache.parse(text), out, ctx)) continue;
    LOOSE_KEY.lastIndex = 0;
    for (let m = LOOSE_KEY.exec(text); m; m = LOOSE_KEY.exec(text)) {
      const key = m[1] as 'datePublished' | 'dateCreated' | 'dateModified';
      push(out, m[2], key === 'datePublished' ? C.looseScan : confidenceFor('other', key), ctx, key === 'dateModified');
    }
  }
  return out;
}

/** Publication-date keys in other inline scripts (app state, analytics data layers). */
export function scriptCandidates(scripts: readonly string[], ctx: HtmlDateContext): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const text of scripts) {
    if (text.length > HTML_SCAN_LIMITS.maxScriptChars) continue;
    SCRIPT_KEY.lastIndex = 0;
    const m = SCRIPT_KEY.exec(text);
    if (m?.[1]) push(out, m[1], SCRIPT_KEY_CONFIDENCE, ctx);
    if (out.length) break;
  }
  return out.map((c) => ({ ...c, source: 'meta' as const }));
}
