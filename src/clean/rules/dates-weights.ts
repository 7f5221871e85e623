/**
 * Confidence weights and scan limits for publication-date candidates, in one place so the
 * sources stay calibrated against each other (the assembler takes the most confident).
 * Scale, roughly: JSON-LD/meta published ≈ 0.9, text-dump header 0.95, a dateline near the
 * top ≈ 0.8, the URL path ≈ 0.7, a date inside prose ≈ 0.2–0.3, relative phrases ≤ 0.4.
 */

export const TEXT_DATE_WEIGHTS = {
  /** "date 2021-07-14" header line (seeds 000, 001, 003): written by the scraper itself. */
  header: 1.05,
  /** Only the first lines can be the header, and the date must follow the word "date" directly. */
  headerMaxLine: 3,
  headerMaxOffset: 12,
  /** A line that is (nearly) only a date, e.g. seed 001 "Wednesday Jul 14 2021". */
  datelineBase: 0.75,
  /** A date within this many characters of a line's start may open it (see LINE_OPENER). */
  openerMaxOffset: 34,
  /**
   * A date inside a sentence: often some other event's date. Set so that a dateline a few
   * dozen lines from the title still beats it (seattlepi "Updated 9:53 am PDT, Tuesday,
   * September 1, 2020" over "Saturday, Aug. 29, 2020" in the story).
   */
  inTextBase: 0.3,
  /** Relative phrase alone on a line ("Yesterday, 10:32") vs inside prose (seed 004 "on Friday"). */
  relativeStandalone: 1.2,
  relativeInText: 0.8,
  /** Multipliers from the words before the date (see rules/dates-labels.ts). */
  publishedLabel: 1.05,
  modifiedLabel: 0.75,
  eventLead: 0.6,
  /** A time of day beside the date (see TIME_AFTER_DATE), looked for this many characters around it. */
  withTime: 1.1,
  timeWindowChars: 16,
  /** A standalone date line may carry this many other characters (time, "Uhr", "|", a short name)… */
  standaloneSlackChars: 24,
  /** …or the date must be at least this share of the line. */
  standaloneMinShare: 0.5,
  /**
   * Where a date stands relative to the article's head (its title, else first body line),
   * see placeFactor in dates/text-lines.ts. Full weight from the title to nearAfterLines
   * below it; nearBefore for the nearBeforeLines above it. Further down the weight is halved
   * belowHalfLife lines on (a third twice as far), further up aboveHalfLife lines on: in the dates-htmldate
   * dumps a date 11-50 lines below the title is the page's own in 29 % of cases, 11-50
   * lines above in 48 %, 1-3 lines on either side in 85 %.
   */
  nearAfterLines: 3,
  nearBeforeLines: 3,
  nearBefore: 0.95,
  belowHalfLife: 15,
  aboveHalfLife: 30,
  /**
   * Lines the extractor removed as furniture still show a page's date when its byline row
   * was not recognised (wordpress "Veröffentlicht von SeglerBlog am 23. Februar 2020" above
   * the story, literaturkritik.de "Erschienen am: 01.11.2023" below it), but they count less.
   */
  headZone: 0.65,
  tailZone: 0.5,
  /** Characters of a long block that count as one line of distance. */
  charsPerLine: 100,
  /**
   * A dated line with at least listMinNeighbours other dated lines within listWindowLines is
   * part of a list (teaser rails and archives in the dates-htmldate dumps): its dates count less.
   */
  listWindowLines: 5,
  listMinNeighbours: 1,
  listFactor: 0.7,
  /** Scan caps for article lines: publication dates sit near the top; this bounds the work per document. */
  maxLines: 400,
  maxChars: 40_000,
  /** Furniture lines are read only this many blocks above or below the article's head. */
  furnitureAbove: 250,
  furnitureBelow: 250,
  /** …and in the page's first blocks, where a site header may date it (mk.ru "МК в регионах 13 января 2020"). */
  furnitureTop: 20,
  /**
   * …and only when no article date reaches this confidence: a dateline near the title
   * (≈ 0.6–0.8) settles it, prose dates (≤ 0.3) do not.
   */
  furnitureBelowConfidence: 0.4,
  /** …and only when at most this long (longer ones are other stories' paragraphs). */
  maxFurnitureChars: 300,
  /** Evidence text is the whole line when it is at most this long, else the matched expression. */
  maxEvidenceChars: 160,
} as const;

/* HTML pages (src/clean/dates/html/). */

/** Work bounds of the HTML date reader. */
export const HTML_SCAN_LIMITS = {
  /** Elements with a date class/id listed per page: enough for the date elements of any real page; bounds the work on huge pages. */
  maxTokenElements: 200,
  /** JSON-LD nodes visited per script. */
  maxJsonLdNodes: 500,
  /** Scripts larger than this are bundles, not page data. */
  maxScriptChars: 200_000,
} as const;

/** JSON-LD datePublished and friends, by the type of the node that holds them. */
export const JSONLD_CONFIDENCE = {
  articlePublished: 0.94,
  pagePublished: 0.82,
  otherPublished: 0.78,
  created: 0.78,
  modified: 0.45,
  /** Unparseable JSON-LD read with a regex. */
  looseScan: 0.8,
} as const;

/** A publication-date key in another inline script (app state, analytics data layers). */
export const SCRIPT_KEY_CONFIDENCE = 0.6;

/** Dates in a soft-excluded region (see rules/page-regions.ts) count this much. */
export const SOFT_REGION_FACTOR = 0.75;

/** Visible text scan limits. */
export const HTML_TEXT_LIMITS = {
  /** Date elements read per page (document order, article first). */
  maxDateElements: 40,
  /** Characters of an element's text examined. */
  maxElementChars: 160,
  /** Characters read after the <h1> when looking for a date near the title. */
  nearTitleChars: 800,
  /** Characters of the page's text read in the last-resort scan. */
  pageTextChars: 20_000,
} as const;

/** Dates read from visible elements and text, and from the URL. */
export const HTML_TEXT_CONFIDENCE = {
  /** A date near the <h1>, not inside a date element. */
  nearTitle: 0.55,
  /** Anywhere in the page's text: the last resort. */
  pageText: 0.3,
  /** Anywhere but comments, when the article regions hold no date at all (falstaff.de keeps its date in a "sidebar"). */
  pageTextRescue: 0.15,
  /** <time datetime> with pubdate / itemprop=datePublished / a published class. */
  timePublished: 0.88,
  /** The first plain <time datetime> in the article. */
  timeFirst: 0.78,
  /** Later plain <time> elements. */
  timeOther: 0.5,
  timeModified: 0.4,
  /** <time itemprop=datePublished> inside an excluded region (ahlen.de keeps it in the story's div.footer). */
  timeExcludedPublished: 0.2,
  /** Full Y/M/D in the URL path. */
  url: 0.8,
  /** An <abbr class="published" title="…"> (hAtom). */
  abbrPublished: 0.85,
} as const;

/** How the HTML sources weigh what they found. */
export const HTML_DATE_FACTORS = {
  /** A parsed date counts with its parse confidence lifted by this much (capped at 1). */
  parsedLift: 0.1,
  /** A day confirmed by another, independent source gains this much per source (up to agreementMax). */
  agreementBonus: 0.03,
  agreementMax: 2,
  /** Markup sources this confident make the visible-text scans unneeded. */
  strongEnough: 0.85,
  /** Body metas naming two or more different days are a list of items, not the article. */
  bodyMetaList: 0.75,
  /** Outside <article>, a <time> is a bit less likely to be the page's own date. */
  timeOutsideArticle: 0.92,
  /** Past the first, <time> elements of a page listing timeListMinDays or more different days are list items. */
  timeListMinDays: 3,
  timeList: 0.75,
  /** What the words before a date in a date element say of it (see dates/date-context.ts). */
  role: { published: 1.05, plain: 1, modified: 0.6, event: 0.6, other: 0, copyright: 0 },
  /** Each further date element in document order is trusted rankDecay less, down to rankFloor. */
  rankDecay: 0.04,
  rankFloor: 0.7,
  /**
   * A date element in the site's masthead (a <header> outside the article, without the <h1>):
   * the edition's or today's date, below the page's metadata and its byline row.
   */
  masthead: 0.5,
  /** A date element in an <article> that does not hold the page's <h1>: a teaser of a list of stories. */
  teaserArticle: 0.8,
  /** A date element whose class recurs listRepeats times is one item of a list (teasers, comments). */
  listRepeats: 3,
  list: 0.8,
  /**
   * A visible date (date element, <time>, near the title) at least this confident, later
   * than the best candidate and named a revision by the page's markup, dates the page (see
   * shownRevision in dates/html/html-candidates.ts).
   */
  shownRevisionMin: 0.3,
  /** …read from a date line this short at most (longer evidence is prose: a comment, a teaser). */
  shownRevisionMaxChars: 80,
  /** Attribute values: a compact 20210714 and an epoch number are dates this surely. */
  compactValue: 0.85,
  epochValue: 0.7,
} as const;
