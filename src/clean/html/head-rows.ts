import type { RuleRow } from '../rules/rule-row.js';
import { alternatives } from '../regex-source.js';

/**
 * A rule table matched from the start of a block, as one test. Rows with a free head
 * (".{0,160}\baffiliate") are slow under /iu: the engine retries the "\b" after every head
 * length on every block, and few blocks hold the row's words at all. So those rows run only
 * when their body, with head and leading "\b" cut, is found somewhere in the block: a
 * looser test that any match of the row passes too (the cut parts only narrow where it
 * may stand), and one the engine scans for quickly. Rows without a head run as they are.
 */

/** A row's free head: any characters, a bounded number of them, before its first word. */
const FREE_HEAD = /^\.\{0,\d+\}(?:\\b)?/;

/** `^(?:rows)` + `end` with `flags`, as a test equal to the plain regex on every text. */
export function headRowsTest(rows: readonly RuleRow[], end: '' | '$', flags: string): (text: string) => boolean {
  const headed = rows.filter((row) => FREE_HEAD.test(row.pattern));
  const plain = rows.filter((row) => !FREE_HEAD.test(row.pattern));
  const plainRe = plain.length > 0 ? new RegExp(`^(?:${alternatives(plain)})${end}`, flags) : null;
  if (headed.length === 0) return (text) => plainRe !== null && plainRe.test(text);
  const headedRe = new RegExp(`^(?:${alternatives(headed)})${end}`, flags);
  const bodies = new RegExp(headed.map((row) => `(?:${row.pattern.replace(FREE_HEAD, '')})`).join('|'), flags);
  return (text) => (plainRe !== null && plainRe.test(text)) || (bodies.test(text) && headedRe.test(text));
}
