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
} as const;
