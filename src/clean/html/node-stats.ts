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

/** Figures by element: a Map, or the pruned-tree view of one (prunedStats). */
export interface StatsLookup {
  get(el: Element): NodeStats | undefined;
}

/** Per-element figures of the tree under `root`, every subtree counted. */
export function computeStats(root: Element, minParagraphChars: number): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const visit = (el: Element, inLink: boolean, depth: number): NodeStats => {
    const own: NodeStats = { chars: 0, linkChars: 0, proseChars: 0, ownChars: 0 };
    if (depth <= MAX_DEPTH) {
      const link = inLink || el.name === 'a';
      for (const child of el.children) {
        if (child.type === 'text') own.ownChars += visibleChars((child as unknown as { data: string }).data);
        else if (isTag(child)) addChild(own, visit(child, link, depth + 1));
      }
      finish(el, own, link, minParagraphChars);
    }
    stats.set(el, own);
    return own;
  };
  visit(root, false, 0);
  return stats;
}

function addChild(own: NodeStats, child: NodeStats): void {
  own.chars += child.chars;
  own.linkChars += child.linkChars;
  own.proseChars += child.proseChars;
}

/** Adds the element's own text to the sums of its children's. */
function finish(el: Element, own: NodeStats, link: boolean, minParagraphChars: number): void {
  own.chars += own.ownChars;
  if (link) own.linkChars += own.ownChars;
  if (el.name === 'p' && own.chars >= minParagraphChars) own.proseChars = own.chars;
}

/**
 * The figures of the same tree with the `skip` subtrees counted as empty (pruned elements
 * themselves have none). Only the ancestors of a pruned element differ from `unpruned`, so
 * only they are counted again: every pass of the extraction cascade once walked and
 * allocated figures for the whole body. Read only for elements outside pruned subtrees.
 */
export function prunedStats(root: Element, minParagraphChars: number, skip: ReadonlyMap<Element, unknown>, unpruned: ReadonlyMap<Element, NodeStats>): StatsLookup {
  const above = new Set<Element>();
  for (const el of skip.keys()) {
    for (let p = el.parent; p && isTag(p) && !above.has(p); p = p.parent) {
      above.add(p);
      if (p === root) break;
    }
  }
  const changed = new Map<Element, NodeStats>();
  const visit = (el: Element, inLink: boolean, depth: number): NodeStats => {
    const own: NodeStats = { chars: 0, linkChars: 0, proseChars: 0, ownChars: 0 };
    if (depth <= MAX_DEPTH) {
      const link = inLink || el.name === 'a';
      own.ownChars = unpruned.get(el)?.ownChars ?? 0;
      for (const child of el.children) {
        if (!isTag(child) || skip.has(child)) continue;
        const s = above.has(child) ? visit(child, link, depth + 1) : unpruned.get(child);
        if (s) addChild(own, s);
      }
      finish(el, own, link, minParagraphChars);
    }
    changed.set(el, own);
    return own;
  };
  if (above.has(root)) visit(root, false, 0);
  return { get: (el) => changed.get(el) ?? (skip.has(el) ? undefined : unpruned.get(el)) };
}
