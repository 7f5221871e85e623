import type { AnyNode } from 'domhandler';

/**
 * Every node's type, name, text and attributes (and its source span with `spans`), in
 * document order, with "(" and ")" around children: two trees are the same when their
 * shapes are, which is how the parser tests compare a tree with htmlparser2's own.
 */
export function domShape(node: AnyNode, { spans = false } = {}, out: unknown[] = []): unknown[] {
  const n = node as AnyNode & { name?: string; data?: string; attribs?: Record<string, string>; children?: AnyNode[] };
  const attribs = n.attribs && { ...n.attribs };
  out.push(spans ? [n.type, n.name, n.data, attribs, n.startIndex, n.endIndex] : [n.type, n.name, n.data, attribs]);
  if (n.children) {
    out.push('(');
    for (const c of n.children) domShape(c, { spans }, out);
    out.push(')');
  }
  return out;
}
