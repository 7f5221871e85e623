/**
 * htmlparser2 keeps its stack of open elements with Array#unshift, so its parse grows with
 * the square of the nesting depth: 100,000 nested <div>s (1.7 MB) take 6 s, and a 16 MB
 * file of them would hold a worker for over an hour, past its job lock, and then the next
 * worker too. Real pages nest a few dozen levels (51 at most in the 1,180 eval pages).
 * Before the parse, tags that would open beyond DEEP_NESTING levels are dropped with the
 * closing tags that match them; their text stays, where the depth cap after the parse
 * (capTreeDepth) would have put it anyway.
 */

/** Far beyond any real page, far below where the parse slows (10,000 levels: ~60 ms). */
export const DEEP_NESTING = 10_000;

/** Elements without content: never open a level. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'frame', 'isindex']);

/** Elements the parser closes by itself when the next of their kind opens: they do not stack. */
const SELF_CLOSING_IN_PRACTICE = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rp', 'rtc']);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/** The HTML with tags beyond DEEP_NESTING levels removed, or the same string when it nests less. */
export function limitNesting(html: string, limit = DEEP_NESTING): string {
  // A page with fewer tags than the limit cannot nest that deep: one count, no scan.
  if (countOf(html, '<', limit) < limit) return html;
  const drops: Array<[number, number]> = [];
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || SELF_CLOSING_IN_PRACTICE.has(name) || m[3] === '/') continue;
    if (m[1] === '/') {
      if (depth > limit) drops.push([m.index, m.index + m[0].length]);
      if (depth > 0) depth -= 1;
    } else {
      depth += 1;
      if (depth > limit) drops.push([m.index, m.index + m[0].length]);
    }
  }
  if (drops.length === 0) return html;
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of drops) {
    parts.push(html.slice(from, start));
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/** Occurrences of one character in text, counted up to `enough`. */
function countOf(text: string, char: string, enough: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1 && n < enough; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}
