import type { AnyNode, Element } from 'domhandler';
import { COMMENT_REGION_TOKENS, EXCLUDED_REGION_TOKENS, REGION_MODIFIER_PREFIXES, SOFT_REGION_TOKENS } from '../../rules/dates-html.js';
import { collapseWhitespace } from '../../html/dom.js';
import { escapeRegExp } from '../../regex-source.js';

/** Small DOM helpers over htmlparser2/domhandler nodes, shared by the HTML date sources. */

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

const SKIP_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select']);
/** Tags after which text runs are separated by a space (block-ish and line breaks). */
const INLINE_TAGS = new Set(['a', 'span', 'b', 'strong', 'i', 'em', 'small', 'abbr', 'sup', 'sub', 'u', 'font', 'mark', 'bdi', 'q', 'cite']);

/**
 * The visible text of a subtree, whitespace collapsed, with a space between block elements
 * (cheerio's .text() glues "Julia Stephan" and "18.10.2019" together), stopping at `cap` chars.
 */
export function textOf(node: AnyNode, cap: number, skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (n: AnyNode): void => {
    if (length >= cap) return;
    if (n.type === 'text') {
      parts.push(n.data);
      length += n.data.length;
      return;
    }
    if (!isElement(n) || SKIP_TEXT_TAGS.has(n.name) || (skip && skip(n))) return;
    const block = !INLINE_TAGS.has(n.name);
    if (block) parts.push(' ');
    for (const child of n.children) walk(child);
    if (block) parts.push(' ');
  };
  walk(node);
  return collapseWhitespace(parts.join('')).trim().slice(0, cap);
}

const MODIFIERS = new Set(REGION_MODIFIER_PREFIXES);
const tokenStart = (tokens: readonly string[]): RegExp => new RegExp(`^(?:${tokens.map(escapeRegExp).join('|')})`);
const HARD_START = tokenStart(EXCLUDED_REGION_TOKENS);
const SOFT_START = tokenStart(SOFT_REGION_TOKENS);
const COMMENT_START = tokenStart(COMMENT_REGION_TOKENS);

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
 * What one class name or id says of its region: excluded (EXCLUDED_REGION_TOKENS),
 * soft-excluded (SOFT_REGION_TOKENS), a comment section (COMMENT_REGION_TOKENS). A token
 * names the region when it starts the name, or starts its last part unless the first part
 * makes the name a modifier ("has-sidebar").
 */
export function regionOfName(name: string): { hard: boolean; soft: boolean; comment: boolean } {
  const lower = name.toLowerCase();
  const parts = outerParts(lower);
  const last = parts !== null && !MODIFIERS.has(parts[0]) ? parts[1] : null;
  const names = (start: RegExp): boolean => start.test(lower) || (last !== null && start.test(last));
  return { hard: names(HARD_START), soft: names(SOFT_START), comment: names(COMMENT_START) };
}

export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}
