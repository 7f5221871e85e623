/**
 * Tag and attribute names read from the page without cutting them out of it. htmlparser2
 * slices every tag and attribute name into a new string and lower-cases it: two small
 * strings per tag, one per attribute, that the tree keeps alive through the parse. A known
 * name is matched in place (ASCII case-insensitively) and the one shared lower-case string
 * is used instead: fewer strings, and `el.name === 'div'` compares one pointer.
 */
export class KnownNames {
  /** The names by length and lower-cased first character. */
  private readonly byKey: Array<string[] | undefined> = [];
  private readonly longest: number;

  constructor(names: Iterable<string>) {
    let longest = 0;
    for (const name of names) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`KnownNames: "${name}" is not a lower-case ASCII name`);
      (this.byKey[keyOf(name.length, name.charCodeAt(0))] ??= []).push(name);
      longest = Math.max(longest, name.length);
    }
    this.longest = longest;
  }

  /**
   * The known name that text[start, end) spells in any ASCII case, or null. Only ASCII letters
   * fold: a name holding any other character matches nothing, as String#toLowerCase would
   * not turn it into one of these names (callers that must be exact there check isAscii).
   */
  at(text: string, start: number, end: number): string | null {
    const length = end - start;
    if (length <= 0 || length > this.longest) return null;
    const candidates = this.byKey[keyOf(length, lower(text.charCodeAt(start)))];
    if (candidates === undefined) return null;
    for (const name of candidates) if (spells(text, start, name)) return name;
    return null;
  }
}

/** Is text[start, end) all ASCII? */
export function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const keyOf = (length: number, first: number): number => length * 128 + (first & 0x7f);

/** The code unit with A–Z lower-cased; any other unchanged. */
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** Does text spell name at start, ignoring ASCII case? */
function spells(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (lower(text.charCodeAt(start + i)) !== name.charCodeAt(i)) return false;
  return true;
}
