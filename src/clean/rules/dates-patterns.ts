/**
 * Absolute date patterns for visible text. Each source is a regular expression with named
 * groups: y (year), m (numeric month), d (day), mon (month name), wd (weekday name),
 * a/b (the two numeric parts of D/M/Y or M/D/Y, order decided by the parser),
 * H/M/S/tz (time of day and offset). `{MONTH}` and `{WEEKDAY}` are replaced by the
 * alternations built from dates-months.ts. Compiled once at module load (flags "giu").
 */

export type DatePatternOrder = 'ymd' | 'named' | 'numeric';

export interface DatePattern {
  name: string;
  source: string;
  order: DatePatternOrder;
  /** Confidence that a match is a real calendar date (before context is considered). */
  confidence: number;
  /** A letter may stand right before the match, but only a lower-case one. */
  afterLowerCaseOnly?: boolean;
  /**
   * Speed only: a cheap expression every match contains (same flags). A text it finds nothing
   * in is not searched with the costly weekday/month alternations. It must accept every
   * possible match, so it only drops the name lists (any month name is letters and dots).
   */
  gate?: string;
  note: string;
}

const YEAR = '(?<y>(?:19|20)\\d{2})';
/**
 * After a year: no digit, or one or two digits glued on by a scraper that dropped the space
 * between two fields: WordPress "28. Juni 201914. Januar 2020" (published, updated),
 * npr.org "November 9, 20235:01 AM ET", ansa.it "28 luglio 202010:43", hejfish "7. Januar 20220"
 * (a comment count).
 */
const YEAR_END = '(?![\\p{N}]{3})';
const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
/**
 * Before a day number: no digit; a lower-case letter is a name glued on, as in litradio.net
 * "Nicole Collignon22. Februar 2020", yahoo "Yahoo News Australia28 October 2020". A capital
 * there (COVID19) is refused in code (see afterLowerCaseOnly): under the i flag \p{Lu} matches
 * every letter.
 */
const NOT_BEFORE_DAY = '(?<![\\p{N}])';
const WEEKDAY_PREFIX = '(?:(?<wd>{WEEKDAY})\\.?,?\\s+(?:(?:the|den|le|el|il|o|a)\\s+)?)?';

export const DATE_PATTERNS: readonly DatePattern[] = [
  {
    name: 'iso',
    source:
      `(?<![\\p{N}.])${YEAR}-(?<m>[01]?\\d)-(?<d>[0-3]?\\d)` +
      '(?:[T\\s](?<H>[0-2]\\d):(?<M>[0-5]\\d)(?::(?<S>[0-5]\\d)(?:[.,]\\d+)?)?(?<tz>\\s?(?:Z|[+-][01]\\d(?::?[0-5]\\d)?))?)?(?![\\p{N}])',
    order: 'ymd',
    confidence: 0.9,
    note: 'seed 000 header "date 2020-11-27"; JSON-LD and meta values "2021-07-14T10:00:00+02:00"',
  },
  {
    name: 'ymd-slash-dot',
    source: `(?<![\\p{N}./])${YEAR}\\s?[/.]\\s?(?<m>[01]?\\d)\\s?[/.]\\s?(?<d>[0-3]?\\d)(?![\\p{N}]|[/.]\\p{N})`,
    order: 'ymd',
    confidence: 0.85,
    note: '"2021/07/14" (issue 2 brief); Japanese and Hungarian pages "2019.10.16"',
  },
  {
    name: 'cjk',
    source: `${YEAR}\\s*[年년]\\s*(?<m>[01]?\\d)\\s*[月월]\\s*(?<d>[0-3]?\\d)\\s*[日일]?`,
    order: 'ymd',
    confidence: 0.9,
    note: 'Japanese .jp pages of dates-htmldate "2019年10月16日"',
  },
  {
    name: 'day-month-name-year',
    source:
      `(?:${NOT_BEFORE}${WEEKDAY_PREFIX.slice(0, -1)}|${NOT_BEFORE_DAY})(?<d>[0-3]?\\d)(?![\\p{N}])(?:st|nd|rd|th|er|e|º|ª|°)?\\.?[\\s/-]*` +
      '(?:(?:de|of)\\s+|d[\'’]\\s*)?(?<mon>{MONTH})(?![\\p{L}])\\.?,?[\\s/-]*(?:(?:de|del)\\s+)?' +
      `${YEAR}${YEAR_END}`,
    order: 'named',
    confidence: 0.9,
    afterLowerCaseOnly: true,
    gate:
      '(?<!\\d)[0-3]?\\d(?![\\p{N}])(?:st|nd|rd|th|er|e|º|ª|°)?\\.?[\\s/-]*(?:(?:de|of)\\s+|d[\'’]\\s*)?' +
      `\\p{L}[\\p{L}.]*,?[\\s/-]*(?:(?:de|del)\\s+)?${YEAR}${YEAR_END}`,
    note: '"14 July 2021", zeit.de "19. Oktober 2019", "14 de julio de 2021", "le 14 juillet 2021", "14-Jul-2021"',
  },
  {
    name: 'month-name-day-year',
    source:
      `${NOT_BEFORE}${WEEKDAY_PREFIX}(?<mon>{MONTH})(?![\\p{L}])\\.?\\s*(?<d>[0-3]?\\d)(?![\\p{N}])(?:st|nd|rd|th)?` +
      `(?:\\.?,\\s*|\\.?\\s+)${YEAR}${YEAR_END}`,
    order: 'named',
    confidence: 0.9,
    gate: `(?<!\\d)[0-3]?\\d(?![\\p{N}])(?:st|nd|rd|th)?(?:\\.?,\\s*|\\.?\\s+)${YEAR}${YEAR_END}`,
    note: 'seed 001 "Wednesday Jul 14 2021" and "July 14, 2021"; US pages "Sept. 14, 2021"',
  },
  {
    name: 'numeric-day-month-year',
    source: `(?<![\\p{N}./-])(?<a>[0-3]?\\d)(?<sep>\\.\\s?|/|-)(?<b>[0-3]?\\d)\\k<sep>${YEAR}${YEAR_END}`,
    order: 'numeric',
    confidence: 0.85,
    note: '"14.07.2021" (German pages of dates-htmldate), "07/14/2021" (US pages)',
  },
  {
    name: 'numeric-short-year',
    source: '(?<![\\p{N}./-])(?<a>[0-3]?\\d)(?<sep>[./])(?<b>[0-3]?\\d)\\k<sep>(?<y2>\\d{2})(?![\\p{N}]|[./]\\p{N})',
    order: 'numeric',
    confidence: 0.55,
    note: '"14.07.21" in German bylines; two-digit years are easily something else',
  },
];

/** A copyright notice: a date on such a line is never a publication date (footers everywhere). */
export const COPYRIGHT_MARK = /(?:©|&copy;|\(c\)|copyright|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos)/iu;

/**
 * What may stand beside a date on a timestamp line: a time of day, "Uhr"/"h"/"at"/"um",
 * separators. E.g. "Gestern, 10:32 Uhr" (German news tickers), "Yesterday at 5:10 pm".
 */
export const TIME_REST = /^[\s\d:.,|·•/–-]*(?:(?:at|um|à|a las|alle|om|às)\s*)?[\s\d:.,|·•/–-]*(?:uhr|h|am|pm|a\.m\.|p\.m\.|hrs)?[\s.,|·•–-]*$/iu;

/**
 * What may stand before a date that opens a line: nothing but punctuation, or a place name
 * and a comma, colon or bracket. Such a date heads a byline row or a story, e.g. kiow.com
 * "October 26, 2020 AJ Taylor Audio, Local News", haustiermagazin.com "1. Februar 2022 Steffi
 * Kaufratgeber", ekiba.de "Karlsruhe, (12.11.2021). Traditionell gedenken…".
 */
export const LINE_OPENER = /^(?:[\s\p{P}\p{S}]*|\p{Lu}[\p{L}\p{M} .'’-]{0,30}[,:(–—-]\s*\(?\s*)$/u;

/**
 * A time of day right after or right before a date: the stamp a site puts on its own story
 * ("01.04.2023, 12:00 Uhr", "20:34 17.04.2020", "September 16, 2020 at 4:59 pm"). In the
 * dates-htmldate dumps a short dated line outside the prose is the page's date in 51 % of
 * cases with such a time, 25 % without.
 */
export const TIME_AFTER_DATE = /^[\s,|·•/–-]*(?:(?:at|um|à|a las|alle|om|às|kl\.?|-)\s*)?[0-2]?\d[:.h][0-5]\d(?!\d)/iu;
export const TIME_BEFORE_DATE = /(?<!\d)[0-2]?\d:[0-5]\d\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)?[\s,|·•/–-]*$/iu;
