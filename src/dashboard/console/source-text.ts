import type { AnyNode } from 'domhandler';
import { decode } from '../../clean/decode.js';
import { detectFormat } from '../../clean/detect-format.js';
import { parsePage } from '../../clean/page/parse-page.js';

/**
 * What a reader of the source saw: a text dump as it is, an HTML page as its visible text
 * (one line per block element; scripts, styles and templates left out). The record keeps its
 * paragraphs and removed blocks but not where they were, so the record page finds them again
 * in this text (locate-blocks.ts).
 */

/**
 * Elements whose text a reader never sees. <noscript> stays: the cleaner reads it (a comment
 * link, a lazy image's caption), so what it cut from there must be found.
 */
const HIDDEN = new Set(['script', 'style', 'template', 'svg', 'iframe', 'object', 'head']);
/** Elements that start a new line of visible text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td',
  'th', 'tr', 'ul', 'title', 'time', 'caption', 'summary', 'details',
]);

export function htmlVisibleText(html: string): string {
  const { root } = parsePage(html);
  const out: string[] = [];
  // Iterative: a page's nesting is bounded by parsePage, but the walk need not use the call stack.
  const stack: Array<AnyNode | 'newline'> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'newline') {
      out.push('\n');
      continue;
    }
    if (node.type === 'text') {
      out.push(node.data);
      continue;
    }
    if (!('children' in node)) continue;
    const name = 'name' in node ? node.name.toLowerCase() : '';
    // <head> is hidden, but its <title> is what the page calls itself: keep that one line.
    if (name === 'head') {
      for (const child of node.children) if ('name' in child && child.name.toLowerCase() === 'title') stack.push('newline', child);
      continue;
    }
    if (HIDDEN.has(name)) continue;
    const block = BLOCK.has(name);
    if (block) stack.push('newline');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    if (block) stack.push('newline');
  }
  return out.join('').replace(/[ \t\f\v\r]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The visible text of raw bytes as clean() would decode them, or null when they are not text
 * (a rejected binary). `format` is the record's; rejections have none and it is detected.
 */
export function sourceText(bytes: Uint8Array, format: 'html' | 'text' | null, name: string, maxBytes: number): { text: string; format: 'html' | 'text' } | null {
  const decoded = decode(bytes, { maxBytes });
  if (!decoded.ok) return null;
  const kind = format ?? detectFormat(decoded.text, name);
  return { text: kind === 'html' ? htmlVisibleText(decoded.text) : decoded.text, format: kind };
}
