import type { AnyNode, ChildNode, Element, ParentNode } from 'domhandler';

/** Deeper markup than this is pathological (or hostile); it is not read, so walks cannot overflow the stack. */
export const MAX_DEPTH = 256;
/**
 * The whitespace runs that are not a lone space: one starting with another whitespace
 * character, or a space followed by more. Replacing only these by a space gives what
 * replacing every /\s+/ run does, without also rewriting the single space between each pair
 * of words (2.5 times faster on the block texts of the scrapinghub pages).
 */
const WHITESPACE_RUN = /[^\S ]\s*| \s+/g;

/** Every whitespace run as one space (not trimmed): `s.replace(/\s+/g, ' ')`. */
export const collapseWhitespace = (s: string): string => s.replace(WHITESPACE_RUN, ' ');

/** Element nodes only: htmlparser2 types <script> and <style> as "script"/"style", so they never pass. */
export const isTag = (node: AnyNode): node is Element => node.type === 'tag';

/** "class id" lower-cased, the string the class/id tables are matched against. */
export function nameOf(el: Element): string {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

/** Characters that are not whitespace: the unit of all length and link-density figures. */
export function visibleChars(data: string): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/** Per-element text figures, computed bottom-up (pruned subtrees count as empty when `skip` is given). */
export interface NodeStats {
  chars: number;
  linkChars: number;
  /** Characters in <p> elements of at least minParagraphChars: the element's prose. */
  proseChars: number;
  /** Characters of the element's own text nodes (its children's not counted). */
  ownChars: number;
}

/**
 * `unpruned`, the figures of the same tree without `skip`, saves counting the characters of
 * every text node again: an element's own text is the same whatever is pruned below it.
 */
export function computeStats(root: Element, minParagraphChars: number, skip: ReadonlyMap<Element, unknown> | null, unpruned?: ReadonlyMap<Element, NodeStats>): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const visit = (el: Element, inLink: boolean, depth: number): NodeStats => {
    const own: NodeStats = { chars: 0, linkChars: 0, proseChars: 0, ownChars: 0 };
    if (depth <= MAX_DEPTH) {
      const link = inLink || el.name === 'a';
      const known = unpruned?.get(el);
      if (known) own.ownChars = known.ownChars;
      for (const child of el.children) {
        if (child.type === 'text') {
          if (!known) own.ownChars += visibleChars((child as unknown as { data: string }).data);
        } else if (isTag(child) && !skip?.has(child)) {
          const s = visit(child, link, depth + 1);
          own.chars += s.chars;
          own.linkChars += s.linkChars;
          own.proseChars += s.proseChars;
        }
      }
      own.chars += own.ownChars;
      if (link) own.linkChars += own.ownChars;
      if (el.name === 'p' && own.chars >= minParagraphChars) own.proseChars = own.chars;
    }
    stats.set(el, own);
    return own;
  };
  visit(root, false, 0);
  return stats;
}

/** Collapsed text of a subtree, cut after `max` characters (enough to report what was removed). */
export function textOf(node: AnyNode, max = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (n: AnyNode, depth: number) => {
    if (length > max || depth > MAX_DEPTH) return;
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      parts.push(data);
      length += data.length;
    } else if (isTag(n)) {
      if (n.name === 'br') parts.push(' ');
      for (const c of n.children) walk(c, depth + 1);
    }
  };
  walk(node, 0);
  const text = collapseWhitespace(parts.join('')).trim();
  return text.length > max ? text.slice(0, max) : text;
}

/**
 * Browsers stop nesting at a fixed depth: Blink's parser puts every element opened beyond 512
 * levels into the element at level 512, one after another. Some of scour's walks recurse
 * without a limit (the page's text, statistics), so a page of thousands of unclosed <div>s
 * or <font>s exhausted the stack and was rejected as failed, its text lost; the walks that
 * stop at MAX_DEPTH skipped what lay deeper. Deeper nodes are moved up the way Blink does,
 * in document order, at a level below every walk's own limit, so all of the text is read.
 * Real pages nest far less: the deepest of the 1,180 eval pages has 51 levels.
 */
export const MAX_TREE_DEPTH = 160;

/** Moves every node deeper than maxDepth levels into its ancestor at that level, in document order; returns how many moved. */
export function capTreeDepth(root: ParentNode, maxDepth = MAX_TREE_DEPTH): number {
  let moved = 0;
  const stack: Array<[ParentNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth >= maxDepth) {
      moved += flattenInto(node);
      continue;
    }
    for (const child of node.children) if (hasChildren(child) && child.children.length > 0) stack.push([child, depth + 1]);
  }
  return moved;
}

const hasChildren = (node: AnyNode): node is AnyNode & ParentNode => 'children' in node && Array.isArray((node as ParentNode).children);

/** All of top's descendants become its children, in document order, each without children of its own. */
function flattenInto(top: ParentNode): number {
  if (!top.children.some((child) => hasChildren(child) && child.children.length > 0)) return 0;
  const order: ChildNode[] = [];
  const work: ChildNode[] = [...top.children].reverse();
  while (work.length > 0) {
    const node = work.pop()!;
    order.push(node);
    if (hasChildren(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) work.push(node.children[i]!);
      node.children = [];
    }
  }
  const moved = order.length - top.children.length;
  order.forEach((node, i) => {
    node.parent = top;
    node.prev = order[i - 1] ?? null;
    node.next = order[i + 1] ?? null;
  });
  top.children = order;
  return moved;
}
