/**
 * One row of a rule table: a regex source and the real page it came from. Tables say in
 * their own comment how their sources are matched (whole line, prefix, anywhere; flags).
 */
export interface RuleRow {
  /** Regex source without flags. */
  pattern: string;
  /** Where the rule was seen: the page or set that needed it. */
  note: string;
}
