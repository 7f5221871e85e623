import type { ParsedDate } from './parsed-date.js';

/** How a character of the searched text is covered by a kept match. */
const FREE = 0;
/** The first character of a kept match: a zero-length match here touches it but is not inside it. */
const START = 1;
/** Any later character of a kept match: a zero-length match here is inside it. */
const INSIDE = 2;

/** Longer first, then more confident, then earlier: the order in which readings claim text. */
function byClaim(x: ParsedDate, y: ParsedDate): number {
  return y.matched.length - x.matched.length || y.confidence - x.confidence || x.index - y.index;
}

/**
 * Keeps one reading per stretch of text: where matches overlap, the longer one wins
 * ("Wednesday Jul 14 2021" over a shorter reading inside it), then the more confident.
 *
 * Greedy in claim order, as a rule "a reading is kept unless a kept better one overlaps it"
 * needs. Asking each reading against every kept one was quadratic (105 s on 14.8 MB of date
 * phrases, a job that outlived its lock); instead each kept reading marks the characters it
 * covers, and a reading is checked by looking at its own characters only. Each date source is
 * one global regex scan, whose matches never overlap, so all readings together cover each
 * character at most once per source: the marking and checking are linear in the text.
 */
export function dropOverlaps(found: readonly ParsedDate[]): ParsedDate[] {
  if (found.length < 2) return [...found];
  const ranked = [...found].sort(byClaim);
  let from = Infinity;
  let to = -Infinity;
  for (const d of ranked) {
    from = Math.min(from, d.index);
    to = Math.max(to, d.index + d.matched.length);
  }
  const cover = new Uint8Array(Math.max(0, to - from));
  const kept: ParsedDate[] = [];
  for (const d of ranked) {
    const start = d.index - from;
    const end = start + d.matched.length;
    if (end === start) {
      // A zero-length match (ranked after all others) overlaps only a match it lies strictly
      // inside, and blocks nothing itself.
      if (cover[start] !== INSIDE) kept.push(d);
      continue;
    }
    let free = true;
    for (let i = start; i < end && free; i++) free = cover[i] === FREE;
    if (!free) continue;
    cover[start] = START;
    cover.fill(INSIDE, start + 1, end);
    kept.push(d);
  }
  // Stable: readings at one index stay in claim order, as before.
  return kept.sort((x, y) => x.index - y.index);
}
