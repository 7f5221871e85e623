import type { Element } from 'domhandler';
import { ARTICLE_BODY_TOKENS, CAPTION_SUBSTRINGS, EMBED_TOKENS, FURNITURE_TAGS, INLINE_TAGS, PROSE_PROTECTED_TAGS, SILENT_TAGS } from '../rules/html-tokens.js';
import { MAYBE_CONTENT_WORDS, REGION_WORDS, type RegionWords } from '../rules/page-regions.js';
import { HTML_SETTINGS as S } from '../rules/html-scoring.js';
import type { BlockKind } from '../../schemas/index.js';
import { MAX_DEPTH, isTag, nameOf } from '../page/node.js';
import type { NodeStats } from './node-stats.js';
import { escapeRegExp } from '../regex-source.js';

const wordsFor = (keep: (row: RegionWords) => boolean): string[] => REGION_WORDS.filter(keep).flatMap((row) => row.words);
const anyOf = (words: readonly string[]): string => words.map(escapeRegExp).join('|');
const STRONG = new RegExp(anyOf(wordsFor((row) => row.prune === 'strong')));
const SOFT = new RegExp(anyOf(wordsFor((row) => row.prune === 'soft')));
const LEAD = new RegExp(anyOf(wordsFor((row) => row.lead === true)));
const WORDS = new RegExp(`(?:^|[\\s_-])(?:${anyOf(wordsFor((row) => row.prune === 'part'))})(?:$|[\\s_-])`);
/** The strong words of comment sections: an element pruned for one is reported as a comment. */
const COMMENT_WORDS = new Set(wordsFor((row) => row.prune === 'strong' && row.comments === true));
/**
 * The tokens as written. score.ts reads the same table with optional separators; here that
 * reading would exempt any id holding "maincontent" — ASP.NET's MainContentPlaceHolder
 * prefixes the comment module of simmeltalzeitung.ch (dates-htmldate set) — from pruning.
 */
const ARTICLE_BODY = new RegExp(ARTICLE_BODY_TOKENS.map(escapeRegExp).join('|'));
const EMBED = new RegExp(EMBED_TOKENS.map(escapeRegExp).join('|'));
const CAPTION = new RegExp(CAPTION_SUBSTRINGS.map(escapeRegExp).join('|'));
const MAYBE_CONTENT = new RegExp(anyOf(MAYBE_CONTENT_WORDS));
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Why an element was pruned: its text goes to `removed` (or captions) under this kind. */
export interface Pruned {
  kind: BlockKind;
  reason: string;
  /** Tags that never hold text (iframe, svg, select…): not reported in `removed`. */
  silent?: boolean;
  /** Pruned by a name that may be the lead's ("teaser"): html/lead.ts reads it again. */
  lead?: boolean;
}

export type PruneMode = 'strict' | 'relaxed';

function isProse(stats: NodeStats | undefined): boolean {
  return !!stats && stats.proseChars > S.protectProseChars && stats.linkChars / Math.max(stats.chars, 1) < S.protectMaxLinkDensity;
}

/**
 * An inline element that starts or sits in a paragraph holding much more text than it: a
 * "KOBE –" dateline span opening the story's first sentence (japantimes.co.jp,
 * trafilatura-dev set) is part of that sentence, not a meta box.
 */
function inSentence(el: Element, stats: ReadonlyMap<Element, NodeStats>): boolean {
  const parent = el.parent as Element | null;
  if (!INLINE_TAGS.has(el.name) || !parent || parent.name !== 'p') return false;
  return (stats.get(parent)?.chars ?? 0) > (stats.get(el)?.chars ?? 0) * S.inSentenceMinShare;
}

/** What an element's "class id" name (nameOf) says to pruning, whatever the element holds. */
interface NameSays {
  /** Names the article body or an embed: never pruned by name. */
  exempt: boolean;
  caption: boolean;
  /** The strong furniture word found, or null. */
  strong: string | null;
  /** A soft or whole-part furniture word and no content word. */
  soft: boolean;
  lead: boolean;
  /** The first class (or the id), for the reason. */
  first: string;
}

/** The name's tests, in the order verdict reads them: an exempt name needs no other test. */
function nameSays(name: string): NameSays {
  const first = name.trim().split(/\s+/)[0]!;
  if (ARTICLE_BODY.test(name) || EMBED.test(name)) return { exempt: true, caption: false, strong: null, soft: false, lead: false, first };
  const strong = STRONG.exec(name);
  const soft = (SOFT.test(name) || WORDS.test(name)) && !MAYBE_CONTENT.test(name);
  return { exempt: false, caption: CAPTION.test(name), strong: strong ? strong[0] : null, soft, lead: soft && LEAD.test(name), first };
}

/**
 * The pruning verdict on one element, or null to keep it and look inside. `names` keeps
 * what each distinct name says: a page repeats its class names many times over, and each
 * was searched for every table's words again.
 */
function verdict(el: Element, allStats: ReadonlyMap<Element, NodeStats>, mode: PruneMode, readNoscript: boolean, names: Map<string, NameSays>): Pruned | null {
  const stats = allStats.get(el);
  const tag = el.name;
  if (tag === 'noscript' && readNoscript) return null;
  if (SILENT_TAGS.has(tag)) return { kind: 'boilerplate', reason: `tag: ${tag}`, silent: true };
  if (tag === 'figcaption') return { kind: 'caption', reason: 'figcaption' };
  if (mode === 'relaxed') {
    return tag === 'nav' || tag === 'footer' ? { kind: 'boilerplate', reason: `tag: ${tag}` } : null;
  }
  if (FURNITURE_TAGS.has(tag) && !(PROSE_PROTECTED_TAGS.has(tag) && isProse(stats))) return { kind: 'boilerplate', reason: `tag: ${tag}` };
  if (el.attribs.hidden !== undefined || (el.attribs.style && HIDDEN_STYLE.test(el.attribs.style))) return { kind: 'boilerplate', reason: 'hidden' };
  if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') return null;
  const name = nameOf(el);
  if (!name) return null;
  let says = names.get(name);
  if (!says) {
    says = nameSays(name);
    names.set(name, says);
  }
  if (says.exempt) return null;
  if (says.caption && (stats?.proseChars ?? 0) <= S.protectProseChars) return { kind: 'caption', reason: `caption: ${tag}.${says.first}` };
  if (says.strong !== null) return { kind: COMMENT_WORDS.has(says.strong) ? 'comment' : 'boilerplate', reason: `furniture: ${tag}.${says.first}` };
  if (says.soft && !isProse(stats) && !inSentence(el, allStats)) {
    const why: Pruned = { kind: 'boilerplate', reason: `furniture: ${tag}.${says.first}` };
    return says.lead ? { ...why, lead: true } : why;
  }
  return null;
}

/**
 * Marks the subtrees that are not article text, without touching the tree (so a relaxed
 * pass can run on the same parse): tags that never hold text, page chrome, hidden parts,
 * and containers whose class/id names furniture — unless they hold the prose of the page.
 * With `readNoscript`, <noscript> is read like any container (the last pass of extractHtml).
 */
export function prune(root: Element, stats: Map<Element, NodeStats>, mode: PruneMode, readNoscript = false): Map<Element, Pruned> {
  const pruned = new Map<Element, Pruned>();
  const names = new Map<string, NameSays>();
  const walk = (el: Element, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of el.children) {
      if (!isTag(child)) continue;
      const v = verdict(child, stats, mode, readNoscript, names);
      if (v) pruned.set(child, v);
      else walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return pruned;
}
