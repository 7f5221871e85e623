/**
 * Confidence weights and scan limits for publication-date candidates, in one place so the
 * sources stay calibrated against each other (the assembler takes the most confident).
 * Scale, roughly: JSON-LD/meta published ≈ 0.9, text-dump header 0.95, a dateline near the
 * top ≈ 0.8, the URL path ≈ 0.7, a date inside prose ≈ 0.3–0.45, relative phrases ≤ 0.4.
 */

export const TEXT_DATE_WEIGHTS = {
  /** "date 2021-07-14" header line (seeds 000, 001, 003): written by the scraper itself. */
  header: 1.05,
  /** Only the first lines can be the header, and the date must follow the word "date" directly. */
  headerMaxLine: 3,
  headerMaxOffset: 12,
  /** A line that is (nearly) only a date, e.g. seed 001 "Wednesday Jul 14 2021". */
  datelineBase: 0.75,
  /** A date inside a sentence: often some other event's date. */
  inTextBase: 0.6,
  /** Relative phrase alone on a line ("Yesterday, 10:32") vs inside prose (seed 004 "on Friday"). */
  relativeStandalone: 1.2,
  relativeInText: 0.8,
  /** Multipliers from the words before the date (see rules/dates-labels.ts). */
  publishedLabel: 1.05,
  modifiedLabel: 0.75,
  eventLead: 0.6,
  /** A standalone date line may carry this many other characters (time, "Uhr", "|", a short name)… */
  standaloneSlackChars: 24,
  /** …or the date must be at least this share of the line. */
  standaloneMinShare: 0.5,
  /** Confidence is halved this many kept lines down, a third twice as far, and so on. */
  positionHalfLife: 100,
  /** Characters of a long block that count as one line of distance. */
  charsPerLine: 100,
  /**
   * A dated line with at least listMinNeighbours other dated lines within listWindowLines is
   * part of a list (teaser rails and archives in the dates-htmldate dumps): its dates count less.
   */
  listWindowLines: 5,
  listMinNeighbours: 1,
  listFactor: 0.7,
  /** Scan caps: publication dates sit near the top; this bounds the work per document. */
  maxLines: 400,
  maxChars: 40_000,
  /** Evidence text is the whole line when it is at most this long, else the matched expression. */
  maxEvidenceChars: 160,
} as const;
