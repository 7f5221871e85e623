import { EVENT_LEADS, MODIFIED_LABELS, OTHER_LEADS, PERIOD_AFTER, PUBLISHED_AFTER, PUBLISHED_LABELS } from '../rules/dates-labels.js';
import type { RuleRow } from '../rules/rule-row.js';
import { COPYRIGHT_MARK } from '../rules/dates-patterns.js';
import { alternatives } from '../regex-source.js';

/** What the words just before a date say about it. */
export type DateRole = 'published' | 'modified' | 'event' | 'other' | 'copyright' | 'plain';

const compile = (labels: readonly RuleRow[], flags: string): RegExp => new RegExp(alternatives(labels), flags);

/** Global, so the last label before a date can be found. */
const PUBLISHED_RE = compile(PUBLISHED_LABELS, 'giu');
const MODIFIED_RE = compile(MODIFIED_LABELS, 'giu');
const EVENT_RE = compile(EVENT_LEADS, 'iu');
const OTHER_RE = compile(OTHER_LEADS, 'iu');

/** How far back from a date its label may start. */
const LABEL_WINDOW = 40;
/** A label ending this close before the date is attached to it, over any event word. */
const ATTACHED_CHARS = 3;

/**
 * Reads the label in front of a date at `index` in `line`. The nearest label wins, so in
 * "Published 14 July · Updated 15 July" each date gets its own; a label right before the
 * date beats an event word it contains ("Artikel vom 31.10.23" is published, "vom 14. bis"
 * a period).
 */
export function dateRole(line: string, index: number): DateRole {
  const before = line.slice(Math.max(0, index - LABEL_WINDOW), index);
  if (COPYRIGHT_MARK.test(before)) return 'copyright';
  if (OTHER_RE.test(before)) return 'other';
  const pub = lastMatchEnd(PUBLISHED_RE, before);
  const mod = lastMatchEnd(MODIFIED_RE, before);
  const label = Math.max(pub, mod);
  if (EVENT_RE.test(before) && (label < 0 || before.length - label > ATTACHED_CHARS)) return 'event';
  if (label < 0) return 'plain';
  return mod > pub ? 'modified' : 'published';
}

function lastMatchEnd(re: RegExp, s: string): number {
  let end = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    end = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return end;
}

/** How far after a date the words read by roleAfter may reach. */
const AFTER_WINDOW = 60;

/**
 * What the words right after a date (ending at `end` in `line`) say about it, or null when
 * they say nothing: a verb-final label, a period's "bis".
 */
export function roleAfter(line: string, end: number): 'published' | 'event' | null {
  if (end >= line.length) return null;
  const after = line.slice(end, end + AFTER_WINDOW);
  if (PERIOD_AFTER.test(after)) return 'event';
  if (PUBLISHED_AFTER.test(after)) return 'published';
  return null;
}

/** Where a copyright mark starts in `line`, or -1. */
export function copyrightAt(line: string): number {
  return line.search(COPYRIGHT_MARK);
}
