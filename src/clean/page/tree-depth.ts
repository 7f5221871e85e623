import type { AnyNode, ChildNode, ParentNode } from 'domhandler';

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
