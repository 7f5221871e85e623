import type { Element } from 'domhandler';
import { AUTHOR_ELEMENT_NAME } from '../rules/bylines.js';

/**
 * Which elements name an author by their attributes: the page walk (page-index.ts) lists them
 * for the byline reader, which reads their text (html/byline.ts).
 */

const AUTHOR_NAME = new RegExp(AUTHOR_ELEMENT_NAME.map((r) => r.pattern).join('|'), 'i');
const NOT_AUTHOR_TAGS = new Set(['article', 'section', 'main', 'body', 'li', 'ul', 'ol', 'form', 'input', 'textarea', 'select', 'button', 'img', 'time', 'figure', 'nav']);

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
