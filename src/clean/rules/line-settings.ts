/**
 * Thresholds of the line classifiers (src/clean/lines/) that both extractors use: a text
 * dump's lines and an HTML page's blocks are judged alike.
 */
export const LINE_SETTINGS = {
  /** A line holding a date and at most this many other words is a date line… */
  dateLineMaxOtherWords: 6,
  /** …when it is at most this long. */
  dateLineMaxChars: 120,
  /** A line of at most datedLineMaxChars holding a date and up to this many other words is post meta (kept near the story). */
  datedLineMaxOtherWords: 14,
  datedLineMaxChars: 160,
  /** Without a year only lines this short are tried, and only when relative dates can be resolved. */
  relativeLineMaxChars: 40,
  /** Longest line read as a byline ("By" + a few names, or a name and a role). */
  bylineMaxChars: 120,
  /** Lines longer than this are never a title, byline, date or caption credit line (a caption may run to twice this). */
  metaMaxChars: 300,
  /** Credits sit at the end of a caption: only this many characters of its tail are searched (linear time on long lines). */
  captionTailChars: 160,
  /** Longest bare credit line ("Photo: Reuters"). */
  creditLineMaxChars: 120,
} as const;
