import type { AnyNode, Element } from 'domhandler';
import { namesOfByline } from '../lines/byline-names.js';
import { MAX_DEPTH, isTag } from '../page/node.js';
import { collapseWhitespace } from '../page/text.js';
import { AUTHOR_ELEMENT_NAME, BYLINE_SETTINGS as S } from '../rules/bylines.js';

const AUTHOR_NAME = new RegExp(AUTHOR_ELEMENT_NAME.map((r) => r.pattern).join('|'), 'i');
const NOT_AUTHOR_TAGS = new Set(['article', 'section', 'main', 'body', 'li', 'ul', 'ol', 'form', 'input', 'textarea', 'select', 'button', 'img', 'time', 'figure', 'nav']);
/** Inline tags that do not separate words ("<b>Jane</b> Doe"); every other element does (a link too: "Name<a>Name</a>" glues). */
const INLINE = new Set(['b', 'i', 'em', 'strong', 'u', 'abbr', 'sup', 'sub', 'mark']);

/** The attributes namesAuthor reads. */
export const AUTHOR_ATTRIBUTES = new Set(['class', 'id', 'itemprop', 'rel', 'data-testid', 'data-component']);
/**
 * Stems one of which every AUTHOR_NAME match holds ("aut" for author, autor and auteur; "byl"
 * for byline). The rule's alternatives hold no spaces, so a match lies inside one attribute:
 * an element none of whose attributes holds a stem cannot match, and most elements skip the
 * join and the full alternation (both ran on every element). Keep in step with AUTHOR_ELEMENT_NAME.
 */
const AUTHOR_STEM = /aut|byl|writer|journalist|verfasser|submitted-by|posted-by/i;

/** Does one of the attributes namesAuthor reads hold an author stem? Walks the element's few attributes instead of looking up six names. */
function hasAuthorStem(attribs: Record<string, string>): boolean {
  for (const key in attribs) {
    const value = attribs[key]!;
    if (value.length > 2 && AUTHOR_ATTRIBUTES.has(key) && AUTHOR_STEM.test(value)) return true;
  }
  return false;
}

/** Does the element's class, id, itemprop, rel or test id name an author or a byline? Containers of whole posts ("article.author-jane-doe", WordPress) and form fields do not count. */
export function namesAuthor(el: Element): boolean {
  if (NOT_AUTHOR_TAGS.has(el.name)) return false;
  const a = el.attribs;
  if (!hasAuthorStem(a)) return false;
  const names = `${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''} ${a.rel ?? ''} ${a['data-testid'] ?? ''} ${a['data-component'] ?? ''}`;
  return names.length > 5 && AUTHOR_NAME.test(names);
}

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
