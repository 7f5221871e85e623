import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS } from '../rules/html-tokens.js';

/** Elements that continue the current line of text rather than start a new block. */
const INLINE_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'span', 'u', 'small', 'sup', 'sub', 'font', 'abbr', 'cite', 'code', 'mark', 'q', 'time', 'label', 's', 'del', 'ins', 'bdi', 'wbr']);
const SPACE = /\s+/g;
/** Deeper markup than this is pathological (or hostile); its inner text is not read, so the walk cannot overflow the stack. */
const MAX_DEPTH = 256;

/** A run of text read as one block: a <p>/<li>/… element, or loose text between <br>s and blocks. */
export interface Run {
  text: string;
  tag: string;
  /** Characters of the run inside links (for link density). */
  linkChars: number;
  /** The element the run belongs to: the parent of a block element, or the holder of loose text. */
  container: Element;
}

interface Buffer {
  parts: string[];
  linkChars: number;
}

function gather(node: AnyNode, buffer: Buffer, inLink: boolean, depth = 0): void {
  if (node.type === 'text') {
    const data = (node as unknown as { data: string }).data;
    buffer.parts.push(data);
    if (inLink) buffer.linkChars += data.replace(SPACE, ' ').trim().length;
    return;
  }
  if (node.type !== 'tag') return;
  const el = node as Element;
  if (el.name === 'br') {
    buffer.parts.push(' ');
    return;
  }
  if (depth > MAX_DEPTH) return;
  for (const child of el.children) gather(child, buffer, inLink || el.name === 'a', depth + 1);
}

/**
 * One pass over a subtree, in reading order. Block elements become one run each (nested
 * blocks are read with their outermost block); loose text is split at <br> and at block
 * boundaries, so pages that write paragraphs as `text<br><br>text` inside a <div> still
 * yield paragraphs.
 */
export function collectRuns(root: Element): Run[] {
  const runs: Run[] = [];
  let loose: Buffer = { parts: [], linkChars: 0 };
  let looseHolder: Element = root;

  const flush = () => {
    const text = loose.parts.join('').replace(SPACE, ' ').trim();
    if (text) runs.push({ text, tag: 'text', linkChars: loose.linkChars, container: looseHolder });
    loose = { parts: [], linkChars: 0 };
  };

  const walk = (el: Element, inLink: boolean, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of el.children) {
      if (child.type === 'text') {
        if (loose.parts.length === 0) looseHolder = el;
        gather(child, loose, inLink);
        continue;
      }
      if (child.type !== 'tag') continue;
      const node = child as Element;
      if (node.name === 'br') {
        flush();
      } else if (BLOCK_TAGS.has(node.name)) {
        flush();
        const buffer: Buffer = { parts: [], linkChars: 0 };
        gather(node, buffer, false);
        const text = buffer.parts.join('').replace(SPACE, ' ').trim();
        if (text) runs.push({ text, tag: node.name, linkChars: buffer.linkChars, container: el });
      } else if (INLINE_TAGS.has(node.name)) {
        if (loose.parts.length === 0) looseHolder = el;
        walk(node, inLink || node.name === 'a', depth + 1);
      } else {
        flush();
        walk(node, inLink, depth + 1);
        flush();
      }
    }
  };
  walk(root, false, 0);
  flush();
  return runs;
}
