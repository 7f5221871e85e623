import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS, HEADING_TAGS, INLINE_TAGS } from '../rules/html-tokens.js';
import { MAX_DEPTH, contains, isTag } from '../page/node.js';
import { dropInvisible } from './invisible-chars.js';
import { collapseWhitespace, collapsedLength, textOf } from '../page/text.js';

/** Pruned headings longer than this are not read as markers. */
const MARKER_MAX_CHARS = 120;

/** A run of text read as one block: a <p>/<li>/… element, or loose text between <br>s and blocks. */
export interface Run {
  text: string;
  /** Block tag, or "text" for loose text. */
  tag: string;
  /** Characters of the run inside links (for link density). */
  linkChars: number;
  /** The element the run votes for: the parent of a block element, or the holder of loose text. */
  container: Element;
  /** The block element itself (null for loose text). */
  element: Element | null;
  /** Set on a pruned heading, kept only as a possible end-of-article marker ("You may also like"). */
  pruned?: true;
}

interface Buffer {
  parts: string[];
  linkChars: number;
}

function gather(node: AnyNode, buffer: Buffer, inLink: boolean, skip: ReadonlyMap<Element, unknown>, depth: number): void {
  if (node.type === 'text') {
    const data = (node as unknown as { data: string }).data;
    buffer.parts.push(data);
    if (inLink) buffer.linkChars += collapsedLength(data);
    return;
  }
  if (!isTag(node) || skip.has(node)) return;
  if (node.name === 'br') {
    buffer.parts.push(' ');
    return;
  }
  if (depth > MAX_DEPTH) return;
  // Block children of a block (a <p> inside an <li>) still read apart from their neighbours.
  const block = BLOCK_TAGS.has(node.name) || node.name === 'div';
  if (block) buffer.parts.push(' ');
  for (const child of node.children) gather(child, buffer, inLink || node.name === 'a', skip, depth + 1);
  if (block) buffer.parts.push(' ');
}

/**
 * One pass over subtrees, in reading order, skipping pruned elements. Block elements become
 * one run each (nested blocks are read with their outermost block); loose text is split at
 * <br> and at block boundaries, so pages that write paragraphs as `text<br><br>text` inside
 * a <div> still yield paragraphs.
 */
export function collectRuns(roots: readonly Element[], skip: ReadonlyMap<Element, unknown>): Run[] {
  const runs: Run[] = [];
  let loose: Buffer = { parts: [], linkChars: 0 };
  let looseHolder: Element | null = null;

  const flush = () => {
    // Entities (&shy;) decode to invisible characters only in the parse.
    const text = dropInvisible(collapseWhitespace(loose.parts.join(''))).trim();
    if (text && looseHolder) runs.push({ text, tag: 'text', linkChars: loose.linkChars, container: looseHolder, element: null });
    loose = { parts: [], linkChars: 0 };
  };
  const block = (node: Element, parent: Element) => {
    flush();
    const buffer: Buffer = { parts: [], linkChars: 0 };
    gather(node, buffer, false, skip, 0);
    const text = dropInvisible(collapseWhitespace(buffer.parts.join(''))).trim();
    if (text) runs.push({ text, tag: node.name, linkChars: buffer.linkChars, container: parent, element: node });
  };

  const walk = (el: Element, inLink: boolean, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of el.children) {
      if (child.type === 'text') {
        if (loose.parts.length === 0) looseHolder = el;
        gather(child, loose, inLink, skip, depth);
        continue;
      }
      if (!isTag(child)) continue;
      if (skip.has(child)) {
        if (HEADING_TAGS.has(child.name)) {
          flush();
          const text = textOf(child, MARKER_MAX_CHARS);
          if (text) runs.push({ text, tag: child.name, linkChars: 0, container: el, element: child, pruned: true });
        }
        continue;
      }
      if (child.name === 'br') {
        flush();
      } else if (BLOCK_TAGS.has(child.name)) {
        block(child, el);
      } else if (INLINE_TAGS.has(child.name)) {
        if (loose.parts.length === 0) looseHolder = el;
        walk(child, inLink || child.name === 'a', depth + 1);
      } else {
        flush();
        walk(child, inLink, depth + 1);
        flush();
      }
    }
  };
  for (const root of roots) {
    if (skip.has(root)) continue;
    if (BLOCK_TAGS.has(root.name)) block(root, root.parent as Element);
    else {
      walk(root, false, 0);
      flush();
    }
  }
  return runs;
}

/**
 * Was `root` read on its own by collectRuns([top], skip): a block element outside any block,
 * or a container outside any block and any link that does not continue its neighbours' line
 * (not an inline element), outside the skipped subtrees? Then the runs found in it there are
 * the runs it gives alone.
 */
function readAlone(root: Element, top: Element, skip: ReadonlyMap<Element, unknown>): boolean {
  if (root === top) return true;
  if (INLINE_TAGS.has(root.name)) return false;
  const block = BLOCK_TAGS.has(root.name);
  for (let p = root.parent; p !== top; p = p.parent) {
    if (!p || !isTag(p) || BLOCK_TAGS.has(p.name) || skip.has(p)) return false;
    // A link around a container counts its text as link text; a block starts outside links.
    if (p.name === 'a' && !block) return false;
  }
  return true;
}

/**
 * collectRuns(roots, skip) for roots under `top`, whose runs with the same `skip` are
 * `topRuns`: the article's containers, picked from the body's runs, need not have their
 * text gathered a second time. A root read on its own there (readAlone) takes its stretch
 * of those runs, the ones read from inside it; any other root is collected again.
 */
export function collectRunsWithin(roots: readonly Element[], top: Element, topRuns: readonly Run[], skip: ReadonlyMap<Element, unknown>): Run[] {
  const runs: Run[] = [];
  for (const root of roots) {
    if (skip.has(root)) continue;
    if (!readAlone(root, top, skip)) runs.push(...collectRuns([root], skip));
    else for (const run of topRuns) if (contains(root, run.element ?? run.container)) runs.push(run);
  }
  return runs;
}
