/**
 * Story thresholds, measured on the dev sets by scripts/story-thresholds.mjs (each page's HTML
 * and its own text dump must meet; two different pages must stay apart). See the README.
 */
export const STORY_SETTINGS = {
  /**
   * LSH banding of the 128-component signature: `bands` keys of `rows` components each; two
   * records become candidates when one band matches. One row per band finds pairs whose
   * shingles overlap only by containment (a dump that kept a third of the page). 16 bands of
   * one row group the dev sets as well as 64 of two did (scrapinghub recall 0.967, pair
   * precision 0.994) at a quarter of the band keys, which were most of the Redis memory and
   * of a placement's CPU (scripts/story-thresholds.mjs --group, README).
   */
  bands: 16,
  rows: 1,
  /** Newest members kept per band key: a candidate list stays bounded however big a story grows. */
  maxPerBand: 32,
  /**
   * Same story when the estimated Jaccard similarity of the shingles reaches this… The seeds'
   * rewrites of one call score 0.26-0.28; two press releases of one company sharing their
   * "About" paragraphs (scrapinghub my6sense) 0.23, which 0.2 let into one story.
   */
  minJaccard: 0.24,
  /** …or when one body is mostly inside the other (containment) and they still overlap this much. */
  containmentFloor: 0.1,
  minContainment: 0.8,
  /** A date taken from a story member keeps this share of the member's own confidence. */
  storyDateConfidence: 0.8,
  /** Default window (SCOUR_STORY_WINDOW): index entries older than this expire, seconds. */
  windowSeconds: 30 * 24 * 3600,
} as const;
