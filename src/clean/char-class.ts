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
}
