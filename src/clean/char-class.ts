/**
 * Whether single characters match a one-character pattern, learnt on first sight: a table for
 * the BMP's code units and a map for astral code points. The one-pass text scans
 * (fingerprint.ts, language.ts) classify every character of a body, where a Unicode property
 * regex run per character was most of their time. A lone surrogate is tested as itself, as the
 * pattern (with /u) sees it.
 */
export class CharClass {
  /** Per BMP code unit: 0 not tested yet, 1 matches, 2 does not. Hot loops may read it directly. */
  readonly units = new Uint8Array(0x10000);
  private readonly astral = new Map<number, boolean>();

  constructor(private readonly pattern: RegExp) {}

  unit(unit: number): boolean {
    let k = this.units[unit]!;
    if (k === 0) {
      k = this.pattern.test(String.fromCharCode(unit)) ? 1 : 2;
      this.units[unit] = k;
    }
    return k === 1;
  }

  codePoint(cp: number): boolean {
    let matches = this.astral.get(cp);
    if (matches === undefined) {
      matches = this.pattern.test(String.fromCodePoint(cp));
      this.astral.set(cp, matches);
    }
    return matches;
  }

  /** Does the character starting at `at` match (a surrogate pair read whole)? False past the end. */
  at(text: string, at: number): boolean {
    if (at >= text.length) return false;
    const high = text.charCodeAt(at);
    if (high >= 0xd800 && high < 0xdc00 && at + 1 < text.length) {
      const low = text.charCodeAt(at + 1);
      if (low >= 0xdc00 && low < 0xe000) return this.codePoint(((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    }
    return this.unit(high);
  }

  /** Does the character ending just before `at` match (a surrogate pair read whole)? False at the start. */
  before(text: string, at: number): boolean {
    if (at <= 0) return false;
    const low = text.charCodeAt(at - 1);
    if (low >= 0xdc00 && low < 0xe000 && at >= 2) {
      const high = text.charCodeAt(at - 2);
      if (high >= 0xd800 && high < 0xdc00) return this.codePoint(((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    }
    return this.unit(low);
  }
}

/** Letters and digits (`[\p{L}\p{N}]`): what words are made of, to the fingerprint, the title and lead readers and the headline search. One instance, so its table is learnt once. */
export const LETTER_OR_DIGIT = new CharClass(/^[\p{L}\p{N}]$/u);
