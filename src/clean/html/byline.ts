import type { AnyNode, Element } from 'domhandler';
import { namesOfByline } from '../lines/byline-names.js';
import { MAX_DEPTH, isTag } from '../page/node.js';
import { collapseWhitespace } from '../page/text.js';
import { BYLINE_SETTINGS as S } from '../rules/bylines.js';

/** Inline tags that do not separate words ("<b>Jane</b> Doe"); every other element does (a link too: "Name<a>Name</a>" glues). */
const INLINE = new Set(['b', 'i', 'em', 'strong', 'u', 'abbr', 'sup', 'sub', 'mark']);

/** Text of a subtree with a space between elements; null when it runs over `cap` characters. */
function spaced(node: AnyNode, cap: number): string | null {
  const parts: string[] = [];
  let length = 0;
  const walk = (n: AnyNode, depth: number) => {
    if (length > cap || depth > MAX_DEPTH) return;
    if (n.type === 'text') {
      parts.push(n.data);
      length += n.data.length;
    } else if (isTag(n)) {
      const gap = INLINE.has(n.name) ? '' : ' ';
      parts.push(gap);
      for (const c of n.children) walk(c, depth + 1);
      parts.push(gap);
    }
  };
  walk(node, 0);
  // "wien.ORF.at/<a>Agenturen</a>": a slash joins what the spacing split.
  const text = collapseWhitespace(parts.join('')).replace(/(\S\/) /g, '$1').trim();
  return length > cap && text.length > cap ? null : text;
}



/**
 * The byline of the page's own article from its author elements (class, id, itemprop, rel
 * "author", "byline"…): the first in document order whose text reads as names. Elements in
 * comment sections and other excluded regions are not read.
 */
export function bylineOfElements(elements: readonly Element[]): string | null {
  for (const el of elements.slice(0, S.maxElements)) {
    const text = el.name === 'meta' ? (el.attribs.content ?? '') : spaced(el, S.maxElementChars);
    const name = text ? namesOfByline(text) : null;
    if (name) return name;
  }
  return null;
}
