/**
 * Lines seen so far, looked up by their lower-case form (String#toLowerCase) without
 * lowercasing every line: most lines are only ever added, and lowercasing each one (ICU
 * work on any text with a non-Latin-1 character) cost more than all the lookups. Lines are
 * kept by the length of their lower-case form, and only lines of the length looked up are
 * lowercased, once each. Lowercasing keeps a string's length except for U+0130 (İ → i̇):
 * when the lines may hold one, each line's own lower-case length is taken.
 */
export const DOTTED_CAPITAL_I = '\u0130';

interface Entry {
  text: string;
  lower: string | null;
}

export class SeenLines {
  private readonly byLength = new Map<number, Entry[]>();

  /** `mayHoldDottedI` false: the caller knows no line holds U+0130 (a text without one). */
  constructor(private readonly mayHoldDottedI = true) {}

  private lowerIfLonger(text: string): string | null {
    return this.mayHoldDottedI && text.includes(DOTTED_CAPITAL_I) ? text.toLowerCase() : null;
  }

  add(text: string): void {
    const lower = this.lowerIfLonger(text);
    const key = lower === null ? text.length : lower.length;
    const entry: Entry = { text, lower };
    const bucket = this.byLength.get(key);
    if (bucket) bucket.push(entry);
    else this.byLength.set(key, [entry]);
  }

  /** Whether a line with the same lower-case form was added. */
  has(text: string): boolean {
    let lower = this.lowerIfLonger(text);
    const bucket = this.byLength.get(lower === null ? text.length : lower.length);
    if (!bucket) return false;
    for (const entry of bucket) {
      if (entry.text === text) return true;
      lower ??= text.toLowerCase();
      entry.lower ??= entry.text.toLowerCase();
      if (entry.lower === lower) return true;
    }
    return false;
  }
}
