import type { AnyNode, Element } from 'domhandler';
import { NOT_REGION_CLASS_NAMES } from '../rules/html-tokens.js';

/**
 * Deeper markup than this is pathological (or hostile); the extractor's walks do not read
 * it, so they cannot overflow the stack. parsePage caps the tree well below it
 * (MAX_TREE_DEPTH), so on a parsed page it only guards walks over other trees.
 */
export const MAX_DEPTH = 256;

/** Element nodes only: htmlparser2 types <script> and <style> as "script"/"style", so they never pass. */
export const isTag = (node: AnyNode): node is Element => node.type === 'tag';

/** Element nodes as css-select sees them: <script> and <style> included. */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * "class id" lower-cased, the string the extractor's class/id tables are matched against
 * (without NOT_REGION_CLASS_NAMES); '' when it has neither.
 */
export function nameOf(el: Element): string {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return '';
  const name = `${cls ?? ''} ${id ?? ''}`.toLowerCase();
  return name.includes('hidden') ? name.replace(NOT_REGION_CLASS_NAMES, ' ') : name;
}

/** "class id" lower-cased, always with the space (the date reader's hints). */
export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}

/** The element's ancestors, nearest first, up to the root element. */
export function ancestors(el: Element): Element[] {
  const list: Element[] = [];
  for (let p = el.parent; p && isTag(p); p = p.parent) list.push(p);
  return list;
}

/** Is the element one of `holders` or inside one of them? */
export function isInside(el: Element, holders: ReadonlySet<Element>): boolean {
  for (let p: Element | null = el; p && isTag(p); p = p.parent as Element | null) if (holders.has(p)) return true;
  return false;
}

/** Is `el` the element `ancestor` or inside it? */
export function contains(ancestor: Element, el: Element): boolean {
  for (let p: Element | null = el; p && isTag(p); p = p.parent as Element | null) if (p === ancestor) return true;
  return false;
}
