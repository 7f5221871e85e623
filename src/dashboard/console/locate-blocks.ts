/**
 * Finds a record's kept paragraphs and removed blocks again in its source text, so the record
 * page can show what was cut, and why, where it was. Whitespace is ignored (the cleaner joins
 * lines, collapses runs, and glues list items); each block is placed at its first occurrence at a
 * word start not already taken, in one pass over the text: at every word start, a map lookup
 * by the block's first KEY_CHARS characters (or, for shorter blocks, its whole text). Linear in
 * the text and the blocks, however many there are: a 4 MB page is one pass.
 */

export interface BlockToLocate {
  text: string;
  /** True for what the record kept (body paragraphs), false for what it removed. */
  kept: boolean;
  kind: string;
  reason: string | null;
}

export interface LocatedSpan {
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
  block: number;
}

export interface Located {
  /** Spans in text order, not overlapping. */
  spans: LocatedSpan[];
  /** Indexes of the blocks not found in the text. */
  missing: number[];
}

const KEY_CHARS = 16;
const UTF16 = new TextDecoder('utf-16le');

/** What /\s/ matches, by char code (a regex per character is ten times slower on 4 MB). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The text without its whitespace, where each remaining character came from, and which of them
 * open a word (the text's start, or after whitespace). Whitespace is dropped rather than
 * collapsed: the cleaner reports a navigation list as "HomeNewsSport" where the page's text
 * has a line per item.
 */
function normalise(text: string): { norm: string; origin: Int32Array; wordStart: Uint8Array } {
  const codes = new Uint16Array(text.length);
  const origin = new Int32Array(text.length);
  const wordStart = new Uint8Array(text.length + 1);
  let n = 0;
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      afterSpace = true;
      continue;
    }
    codes[n] = c;
    origin[n] = i;
    wordStart[n] = afterSpace ? 1 : 0;
    afterSpace = false;
    n++;
  }
  // The end counts as a word start, so a block may end there.
  wordStart[n] = 1;
  return { norm: UTF16.decode(codes.subarray(0, n)), origin: origin.subarray(0, n), wordStart: wordStart.subarray(0, n + 1) };
}

const squash = (text: string): string => text.replace(/\s+/g, '');

export function locateBlocks(text: string, blocks: readonly BlockToLocate[]): Located {
  const { norm, origin, wordStart } = normalise(text);
  const wanted = blocks.map((b) => squash(b.text));
  // First KEY_CHARS characters (the whole text when shorter) → length → exact text → blocks
  // still unplaced, in record order. Exact lookups only: paragraphs that all open alike
  // ("Posted by …") cost one lookup per distinct length, not a comparison per paragraph.
  const groups = new Map<string, Map<number, Map<string, number[]>>>();
  const keyLengths = new Set<number>();
  wanted.forEach((w, i) => {
    if (w.length === 0) return;
    const key = w.slice(0, KEY_CHARS);
    keyLengths.add(key.length);
    let byLength = groups.get(key);
    if (!byLength) groups.set(key, (byLength = new Map()));
    let byText = byLength.get(w.length);
    if (!byText) byLength.set(w.length, (byText = new Map()));
    const list = byText.get(w);
    if (list) list.push(i);
    else byText.set(w, [i]);
  });
  const lengths = [...keyLengths].sort((a, b) => b - a);
  // Longest first, so a block is not cut short by a shorter one that opens the same way.
  for (const [key, byLength] of groups) groups.set(key, new Map([...byLength].sort(([a], [b]) => b - a)));
  const boundary = (at: number): boolean => at >= norm.length || wordStart[at] === 1;

  /** The longest unplaced block that starts at `at`, taken off its list. */
  const takeAt = (at: number): number | null => {
    for (const keyLength of lengths) {
      // A block shorter than the key is its own key: it must end where a word ends.
      if (keyLength < KEY_CHARS && !boundary(at + keyLength)) continue;
      const byLength = groups.get(norm.slice(at, at + keyLength));
      if (!byLength) continue;
      for (const [length, byText] of byLength) {
        const list = byText.get(norm.slice(at, at + length));
        if (list && list.length > 0) return list.shift()!;
      }
    }
    return null;
  };

  const spans: LocatedSpan[] = [];
  let at = 0;
  while (at < norm.length) {
    const found = takeAt(at);
    if (found !== null) {
      const endNorm = at + wanted[found]!.length;
      spans.push({ start: origin[at]!, end: origin[endNorm - 1]! + 1, block: found });
      at = endNorm;
      continue;
    }
    // Next word start.
    do at++;
    while (at < norm.length && wordStart[at] === 0);
  }
  const placed = new Set(spans.map((s) => s.block));
  const missing = wanted.flatMap((w, i) => (placed.has(i) || w.length === 0 ? [] : [i]));
  return { spans, missing };
}
