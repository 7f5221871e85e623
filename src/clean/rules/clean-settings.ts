/**
 * Thresholds of the format-independent stages (decode, reject, assemble), in one place.
 * Text-path heuristics live in text-settings.ts.
 */
export const CLEAN_SETTINGS = {
  /** Default byte limit of one input (CleanOptions.maxBytes): 16 MiB. */
  maxBytes: 16 * 1024 * 1024,
  /** Bytes read to sniff a `<meta charset>` declaration, as browsers do (HTML spec: 1024; pages put it later). */
  charsetSniffBytes: 4096,
  /** Bytes examined for NUL and control characters when deciding "binary". */
  binarySniffBytes: 8192,
  /** Share of control characters (other than tab, newline, CR, FF, VT, ESC) that makes input binary. */
  binaryControlShare: 0.02,
  /** A body shorter than this (characters) is too short to be an article… */
  minBodyChars: 200,
  /** …and so is one with fewer words than this. */
  minBodyWords: 30,
  /**
   * An HTML input with more tags and comments than this is rejected as too-complex before
   * the parse: each costs about 1 KB of heap and 5 µs through parse and extraction, and 8 MB
   * of `<p>x</p>` (1,000,000 tags) took 1.7 GB of a worker. The largest real page of the eval
   * sets has 9,753 (dates-htmldate leichtathletik-ostalbkreis.de); 200,000 is twenty times that.
   */
  maxHtmlTags: 200_000,
  /**
   * A text input with more lines than this is rejected as too-complex: 16 MB of one-letter
   * lines (8,000,000) took 1.3 GB. The longest real dump of the eval sets has 2,724 lines
   * (trafilatura-dev umweltbundesamt.de-atomkraft); 500,000 cost about 80 MB at worst.
   */
  maxTextLines: 500_000,
} as const;
