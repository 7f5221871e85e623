import { HEADER_LINE } from '../rules/dates-labels.js';
import { NOT_DATELINE_WORDS } from '../rules/datelines.js';

/**
 * "KABUL: Afghan…", "NEW YORK, Nov 19 (Reuters) - …", "WASHINGTON (AP) — …": an upper-case
 * place (group 1), maybe a date after a comma and an agency in brackets, then : or a dash.
 */
const DATELINE = /^[«"“]?(\p{Lu}[\p{Lu}\p{M}'’.-]+(?:[ /]\p{Lu}[\p{Lu}\p{M}'’.-]+){0,3})(?:,[^:—–()\n]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?::|\s[—–-]+)\s+\S/u;
const NOT_PLACES = new Set(NOT_DATELINE_WORDS.map((w) => w.word));
const HEADER_REST = /^\s*date\s*[:=]?\s+\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.+-]+Z?)?\s*(.*)$/iu;
const NAME_LIKE = /^[\p{L}\p{N}][\p{L}\p{N} .&'’-]{0,78}$/u;

/** The place a story's first paragraph opens with, e.g. "KABUL", or null. */
export function datelineOf(paragraph: string): string | null {
  const place = DATELINE.exec(paragraph)?.[1];
  if (!place || place.replace(/[^\p{L}]/gu, '').length < 2) return null;
  return NOT_PLACES.has(place) ? null : place;
}

/** Publisher named on the scraper's header line ("date 2020-11-27 AT News" → "AT News"), or null. */
export function publisherOfHeader(header: string): string | null {
  if (!HEADER_LINE.test(header)) return null;
  const rest = HEADER_REST.exec(header)?.[1]?.trim();
  return rest && NAME_LIKE.test(rest) ? rest : null;
}
