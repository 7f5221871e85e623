import type { RuleRow } from './rules/rule-row.js';

/** Building blocks for the regexes compiled from the rule tables (src/clean/rules) at module load. */

/** A literal phrase or token as RegExp source. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rule-table entries' patterns as one alternation, each entry in its own group. */
export const alternatives = (entries: readonly Pick<RuleRow, 'pattern'>[]): string => entries.map((e) => `(?:${e.pattern})`).join('|');
