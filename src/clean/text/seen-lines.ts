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

/**
 * Lines of one length compared one by one while there are at most this many; past it, the
 * bucket becomes a set of lower-case forms. Without the cap a dump of many same-length lines
 * made every lookup scan all earlier ones: 2 MB of 60-character lines took 6 s instead of
 * 0.1 s. With it, a lookup costs at most this many comparisons or one lowercasing.
 */
const MAX_SCANNED = 32;

interface Bucket {
  /** Lines compared one by one; null once the bucket is a set. */
  entries: Entry[] | null;
  /** Lower-case forms, once the bucket outgrew MAX_SCANNED. */
  lowered: Set<string> | null;
}

export class SeenLines {
  private readonly byLength = new Map<number, Bucket>();

  /** `mayHoldDottedI` false: the caller knows no line holds U+0130 (a text without one). */
  constructor(private readonly mayHoldDottedI = true) {}

  private lowerIfLonger(text: string): string | null {
    return this.mayHoldDottedI && text.includes(DOTTED_CAPITAL_I) ? text.toLowerCase() : null;
  }

  add(text: string): void {
    const lower = this.lowerIfLonger(text);
    const key = lower === null ? text.length : lower.length;
    let bucket = this.byLength.get(key);
    if (!bucket) {
      bucket = { entries: [], lowered: null };
      this.byLength.set(key, bucket);
    }
    if (bucket.lowered) {
      bucket.lowered.add(lower ?? text.toLowerCase());
      return;
    }
    const entries = bucket.entries!;
    entries.push({ text, lower });
    if (entries.length > MAX_SCANNED) {
      bucket.lowered = new Set(entries.map((entry) => entry.lower ?? entry.text.toLowerCase()));
      bucket.entries = null;
    }
  }

  /** Whether a line with the same lower-case form was added. */
  has(text: string): boolean {
    let lower = this.lowerIfLonger(text);
    const bucket = this.byLength.get(lower === null ? text.length : lower.length);
    if (!bucket) return false;
    if (bucket.lowered) return bucket.lowered.has(lower ?? text.toLowerCase());
    for (const entry of bucket.entries!) {
      if (entry.text === text) return true;
      lower ??= text.toLowerCase();
      entry.lower ??= entry.text.toLowerCase();
      if (entry.lower === lower) return true;
    }
    return false;
  }
}
