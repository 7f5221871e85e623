/** One date expression found in a text. */
export interface ParsedDate {
  /** YYYY-MM-DD, or an ISO datetime when the text carried a time ("2021-07-14T10:00+02:00"). */
  date: string;
  /** The exact text matched. */
  matched: string;
  /** Offset of `matched` in the searched text. */
  index: number;
  kind: 'absolute' | 'relative';
  /** How sure the parser is that this is the calendar day meant (0..1), before page context. */
  confidence: number;
}

export interface DateParseOptions {
  /**
   * YYYY-MM-DD (or ISO datetime) the text is read "as of". Relative expressions are resolved
   * only when it is given, and no date after it is accepted. Default: none (relative
   * expressions are ignored; dates up to 2100 accepted).
   */
  referenceDate?: string;
  /**
   * Order of an ambiguous numeric date like 03/04/2021: true = day first (Europe), false =
   * month first (US). Default: undecided (dotted dates day first, others month first, at low
   * confidence).
   */
  dayFirst?: boolean;
}
