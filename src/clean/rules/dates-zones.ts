/**
 * Guessing a page's UTC offset when its markup gives instants in UTC ("2023-11-09T03:28:35Z")
 * but the publication day is the local one. Used only when the page itself shows no offset.
 */

export type DstRule = 'eu' | 'us' | 'none';

export interface ZoneGuess {
  /** Standard-time offset from UTC in minutes. */
  offsetMinutes: number;
  dst: DstRule;
  note: string;
}

/** By language tag (lower-case, full tag first, then primary subtag). */
export const ZONE_BY_LANG: Readonly<Record<string, ZoneGuess>> = {
  de: { offsetMinutes: 60, dst: 'eu', note: 'German pages of dates-htmldate (zeit.de, nachrichten.at, kas.de "2021-11-04T23:00Z" = 5 Nov)' },
  fr: { offsetMinutes: 60, dst: 'eu', note: 'French pages' },
  it: { offsetMinutes: 60, dst: 'eu', note: 'repubblica.it "2023-11-01T23:01:00Z" = 2 Nov' },
  es: { offsetMinutes: 60, dst: 'eu', note: 'Spanish pages' },
  nl: { offsetMinutes: 60, dst: 'eu', note: 'Dutch pages' },
  pl: { offsetMinutes: 60, dst: 'eu', note: 'Polish pages' },
  cs: { offsetMinutes: 60, dst: 'eu', note: 'Czech pages' },
  da: { offsetMinutes: 60, dst: 'eu', note: 'Danish pages' },
  sv: { offsetMinutes: 60, dst: 'eu', note: 'Swedish pages' },
  nb: { offsetMinutes: 60, dst: 'eu', note: 'Norwegian pages' },
  'en-us': { offsetMinutes: -300, dst: 'us', note: 'US news (whdh.com, nypost.com): Eastern time' },
};

/** UK pages are left in UTC: newsnet.scot's "23:25:44+00:00" in October is dated that day. */

/** By top-level domain, when the language says nothing. */
export const ZONE_BY_TLD: Readonly<Record<string, ZoneGuess>> = {
  de: ZONE_BY_LANG.de!, at: ZONE_BY_LANG.de!, ch: ZONE_BY_LANG.de!, fr: ZONE_BY_LANG.fr!, it: ZONE_BY_LANG.it!,
  es: ZONE_BY_LANG.es!, nl: ZONE_BY_LANG.nl!, be: ZONE_BY_LANG.nl!, pl: ZONE_BY_LANG.pl!, cz: ZONE_BY_LANG.cs!,
  dk: ZONE_BY_LANG.da!, se: ZONE_BY_LANG.sv!, no: ZONE_BY_LANG.nb!,
};
