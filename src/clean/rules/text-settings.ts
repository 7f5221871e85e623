/** Thresholds of the plain-text extractor, in one place (see src/clean/text/). */
export const TEXT_SETTINGS = {
  /** A unit with at least this many words reads as a paragraph of prose… */
  proseMinWords: 15,
  /** …or this many words and a sentence end. */
  sentenceMinWords: 8,
  /** …or at least this many characters (CJK text has few spaces). */
  proseMinChars: 120,
  /** A short line that ends a sentence (≥ this many words) still counts a little as text. */
  shortSentenceMinWords: 3,
  /** Share of its characters a short sentence adds to the span score. */
  shortSentenceWeight: 0.5,
  /** Span score of a line that is not prose (menu item, heading, credit). */
  nonProsePenalty: 30,
  /** Span score of a longer non-prose line (list item, subheading): at least listItemMinWords words. */
  listItemMinWords: 4,
  listItemPenalty: 25,
  /** A block of at least blockMinLines unflagged non-prose lines without blank lines between them weighs at most blockPenaltyCap against the span (main-span.ts capBlockPenalties). */
  blockMinLines: 4,
  blockPenaltyCap: 200,
  /** Lines after a story line ending in ":" (its list, code or table) that weigh nothing against the span. */
  introducedBlockMaxLines: 30,
  /**
   * Lines numbered 1, 2, 3… in a row (at least numberedRowsMin of them) are a table's or a
   * list's rows: each counts for the span by this share of its length (a table page's content
   * is its rows, which otherwise weigh against the span and lose to a sidebar's blurbs).
   */
  numberedRowsMin: 5,
  numberedRowWeight: 0.5,
  /** A line of at least tableRowMinWords words holding tableRowMinNumbers numbers is a table row; it costs little. */
  tableRowMinWords: 3,
  tableRowMinNumbers: 2,
  tableRowPenalty: 5,
  /** Span score of a known boilerplate line ("Advertisement", "Share this"). */
  boilerplatePenalty: 60,
  /** Span score of a reader-comment line ("X said:", "Reply"): comment threads are long prose. */
  commentPenalty: 150,
  /** A teaser of another story counts against the span by this share of its length. */
  teaserWeight: 0.5,
  /** A line repeated this often in the dump is a separator or a widget, not article text. */
  repeatedMinCount: 3,
  repeatedMaxChars: 100,
  /** A repeated line's span score is the boilerplate penalty times its count, up to this factor. */
  repeatedMaxFactor: 8,
  /**
   * Weight of the best span of a part after a trailer marker: a related-posts trailer
   * (seed 002) can hold more prose than the story above it.
   */
  afterMarkerWeight: 0.5,
  /** …when a part above the marker scores at least this (a story stands above it; markers in the menus above the story weigh nothing down). */
  storyAboveMarkerMinScore: 150,
  /** …and half of that again when the part is a comment section (this many comment lines in its span). */
  commentSectionWeight: 0.5,
  commentSectionMinLines: 2,
  /**
   * A lead above the best run (a standfirst over the story's byline, date, photo or share bar)
   * joins the story: a sentence of at least leadMinWords words, with at most leadGapMaxLines
   * furniture lines between it and the story, at most leadGapMaxUnflagged of them unflagged
   * ones of at most leadGapMaxWords words.
   */
  leadMinWords: 8,
  /** A subtitle without a full stop right above the story: at least subtitleMinWords words, its headline at most subtitleTitleGap units above it. */
  subtitleMinWords: 12,
  subtitleTitleGap: 2,
  leadGapMaxLines: 8,
  leadGapMaxWords: 3,
  leadGapMaxUnflagged: 3,
  /** Title: words of a heading-like line. */
  titleMinWords: 3,
  titleMaxWords: 30,
  titleMaxChars: 250,
  /** Title: body units whose words a headline is matched against, and what passing a nearer candidate costs (share of words). */
  titleStoryUnits: 5,
  titleDistanceCost: 0.1,
  /** Units above the article searched for the title… */
  titleLookback: 12,
  /** …and for date and byline lines (dates sit above galleries and share bars)… */
  headLookback: 24,
  /** …where a known boilerplate or repeated line (share buttons) counts this much of a unit. */
  furnitureLookbackWeight: 0.2,
  /** A bullet above the story with at least this many words is a highlight (shorter ones are menus). */
  highlightMinWords: 3,
  /**
   * A run of at least this many non-prose lines inside the article (a "Read more" box, a
   * newsletter sign-up, an author box) is furniture, unless a line ending in ":" introduces
   * it or most of it is bulleted or numbered (a list of the story's own).
   */
  furnitureRunMinLines: 2,
  /**
   * The span's last shortTailMaxUnits body units, after at least shortTailMinGap units of
   * furniture and shorter than shortTailMaxShare of the story above (which keeps at least
   * shortTailMinStoryUnits body units), are an author box or a plea, not the story.
   */
  shortTailMaxUnits: 2,
  shortTailMinGap: 2,
  shortTailMaxShare: 0.2,
  shortTailMinStoryUnits: 2,
  /**
   * Byline read from the article's head when no line was flagged one: lines from the title
   * (or headBylineLookback units above the story) to headBylineLookahead units into it, of
   * at most headBylineMaxChars characters; a name alone on its line has at most
   * headBylineMaxNameWords words and headBylineMaxNameChars characters.
   */
  headBylineLookback: 8,
  headBylineLookahead: 4,
  headBylineMaxChars: 160,
  headBylineMaxNameWords: 4,
  headBylineMaxNameChars: 60,
  /** Units below the article whose date and byline lines are kept (post footers "Posted on … by …"). */
  tailLookahead: 8,
  /** Mid-sentence break repair: the broken line has at least this many characters. */
  repairMinChars: 40,
  /** Hard-wrapped dumps: wrap width range and the share of full lines that marks one. */
  wrapMinWidth: 40,
  wrapMaxWidth: 110,
  wrapMinShare: 0.5,
  wrapMinLines: 5,
  /** A wrapped dump has no line longer than this times its wrap width. */
  wrapMaxOverflow: 1.25,
} as const;
