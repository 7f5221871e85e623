import { isSpaceCode } from './text.js';

/**
 * An end tag of the wrong heading level (`<h2 class="excerpt">…</h3>`, thelocal.se in the
 * trafilatura-dev set) closes the open heading in a browser (HTML spec, "in body" insertion
 * mode: an h1–h6 end tag pops until any heading is popped). htmlparser2 ignores an end tag
 * it has no element for, so the heading stays open and swallows the whole article: one run
 * of 3,000 characters with the ads and teaser links between its paragraphs. Before the
 * parse, such an end tag is rewritten to the level of the innermost open heading.
 */

/** A heading start or end tag found by headingTagAt. */
interface HeadingTag { end: number; closing: boolean; level: string; selfClosing: boolean }

/**
 * The heading tag (`<h2 …>`, `</H3>`) starting at the `<` at `at`, up to its `>`; null when none
 * starts there. Char checks instead of a case-insensitive regex over the whole page: the scan
 * ran on every page, and only jumps from `<` to `<` now.
 */
function headingTagAt(html: string, at: number): HeadingTag | null {
  let i = at + 1;
  const closing = html.charCodeAt(i) === 0x2f; // "/"
  if (closing) i++;
  if ((html.charCodeAt(i) | 0x20) !== 0x68) return null; // "h" or "H"
  const digit = html.charCodeAt(i + 1);
  if (!(digit >= 0x31 && digit <= 0x36)) return null; // "1"–"6" (NaN past the end)
  const after = html.charCodeAt(i + 2);
  if (after !== 0x2f && after !== 0x3e && !isSpaceCode(after)) return null; // "/", ">" or a space (`\s`: the tag name ends there)
  const close = html.indexOf('>', i + 2);
  if (close < 0) return null;
  return { end: close + 1, closing, level: String.fromCharCode(digit), selfClosing: html.charCodeAt(close - 1) === 0x2f };
}

/** The HTML with every mismatched heading end tag naming the heading it closes; the same string when none is. */
export function closeHeadings(html: string): string {
  const open: string[] = [];
  const edits: Array<[number, number, string]> = [];
  for (let at = html.indexOf('<'); at >= 0; ) {
    const tag = headingTagAt(html, at);
    if (tag === null) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    if (!tag.closing) {
      if (!tag.selfClosing) open.push(tag.level);
    } else {
      const inner = open.lastIndexOf(tag.level);
      if (inner >= 0) open.length = inner;
      else if (open.length > 0) edits.push([at, tag.end, `</h${open.pop()!}>`]);
    }
    at = html.indexOf('<', tag.end);
  }
  if (edits.length === 0) return html;
  const parts: string[] = [];
  let from = 0;
  for (const [start, end, tag] of edits) {
    parts.push(html.slice(from, start), tag);
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}
