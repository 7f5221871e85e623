/**
 * An end tag of the wrong heading level (`<h2 class="excerpt">…</h3>`, thelocal.se in the
 * trafilatura-dev set) closes the open heading in a browser (HTML spec, "in body" insertion
 * mode: an h1–h6 end tag pops until any heading is popped). htmlparser2 ignores an end tag
 * it has no element for, so the heading stays open and swallows the whole article: one run
 * of 3,000 characters with the ads and teaser links between its paragraphs. Before the
 * parse, such an end tag is rewritten to the level of the innermost open heading.
 */

/** Heading start and end tags. */
const HEADING_TAG = /<(\/?)h([1-6])(?=[\s/>])[^>]*>/gi;

/** The HTML with every mismatched heading end tag naming the heading it closes; the same string when none is. */
export function closeHeadings(html: string): string {
  const open: string[] = [];
  const edits: Array<[number, number, string]> = [];
  HEADING_TAG.lastIndex = 0;
  for (let m = HEADING_TAG.exec(html); m !== null; m = HEADING_TAG.exec(html)) {
    const level = m[2]!;
    if (!m[1]) {
      if (!m[0].endsWith('/>')) open.push(level);
      continue;
    }
    const at = open.lastIndexOf(level);
    if (at >= 0) open.length = at;
    else if (open.length > 0) edits.push([m.index, m.index + m[0].length, `</h${open.pop()!}>`]);
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
