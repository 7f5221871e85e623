import type { Element } from 'domhandler';
import { MAX_DEPTH, isTag } from '../page/node.js';

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
