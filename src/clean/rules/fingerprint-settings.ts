/**
 * The body fingerprint (src/clean/fingerprint.ts). Changing either value changes every
 * signature: records fingerprinted before and after no longer compare.
 */
/**
 * Chosen on the dev sets by scripts/story-thresholds.mjs (each page's HTML and text dump must
 * meet, different pages must not): 5-word shingles kept different pages of one site apart
 * better than 3 (trafilatura-dev: 3 false pairs instead of 33 at the same recall), and 128
 * components halved the false pairs of 64 on scrapinghub at no loss of recall.
 */
export const FINGERPRINT_SETTINGS = {
  /** MinHash components per signature. */
  hashes: 128,
  /** Words per shingle. */
  shingleWords: 2,
} as const;
