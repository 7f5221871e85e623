import { MONTH_TABLES } from '../rules/dates-months.js';
import { escapeRegExp } from '../regex-source.js';

/** Month and weekday name lookups and regex alternations, built once from the rules table. */


function buildLookup(pick: (t: (typeof MONTH_TABLES)[number]) => readonly (readonly string[])[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const table of MONTH_TABLES) {
    pick(table).forEach((forms, i) => {
      for (const form of forms) {
        const previous = map.get(form);
        if (previous !== undefined && previous !== i + 1) {
          throw new Error(`dates-months: "${form}" means both ${previous} and ${i + 1}`);
        }
        map.set(form, i + 1);
      }
    });
  }
  return map;
}

/** Lower-case month name or abbreviation → month number 1..12. */
export const MONTH_BY_NAME: ReadonlyMap<string, number> = buildLookup((t) => t.months);
/** Lower-case weekday name or abbreviation → ISO weekday 1 (Monday)..7. */
export const WEEKDAY_BY_NAME: ReadonlyMap<string, number> = buildLookup((t) => t.weekdays);

/** Longest first so "sept" wins over "sep" and "juillet" over "juil". */
function alternation(names: Iterable<string>): string {
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}

export const MONTH_ALTERNATION = alternation(MONTH_BY_NAME.keys());
export const WEEKDAY_ALTERNATION = alternation(WEEKDAY_BY_NAME.keys());

/** Full weekday names only (first form of each entry): used for "on Friday" phrases. */
export const FULL_WEEKDAY_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTH_TABLES.flatMap((t) => t.weekdays.flatMap((forms, i) => forms.filter((f) => f.length >= 5).map((f) => [f, i + 1] as const))),
);

export function monthFromName(name: string): number | undefined {
  return MONTH_BY_NAME.get(name.toLowerCase().replace(/\.$/, ''));
}

export function weekdayFromName(name: string): number | undefined {
  return WEEKDAY_BY_NAME.get(name.toLowerCase().replace(/\.$/, ''));
}
