import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Ids in <out>/records and <out>/rejected, and any id present in both. */
export async function outputIds(outDir: string): Promise<{ records: Set<string>; rejected: Set<string>; both: string[] }> {
  const ids = async (kind: string) => {
    try {
      return new Set((await readdir(join(outDir, kind))).filter((n) => /^[0-9a-f]{64}\.json$/.test(n)).map((n) => n.slice(0, 64)));
    } catch {
      return new Set<string>();
    }
  };
  const records = await ids('records');
  const rejected = await ids('rejected');
  return { records, rejected, both: [...records].filter((id) => rejected.has(id)) };
}

export async function outputCount(outDir: string): Promise<number> {
  const { records, rejected } = await outputIds(outDir);
  return records.size + rejected.size;
}

/** Ids in `expected` that have no output, and outputs nobody expected. */
export async function compareOutputs(outDir: string, expected: Set<string>): Promise<{ missing: string[]; unexpected: string[]; both: string[] }> {
  const { records, rejected, both } = await outputIds(outDir);
  const seen = new Set([...records, ...rejected]);
  return {
    missing: [...expected].filter((id) => !seen.has(id)),
    unexpected: [...seen].filter((id) => !expected.has(id)),
    both,
  };
}

/** How many times each id appears among events; returns ids seen more than once. */
export function repeatedIds(events: Array<{ id: string; status?: string }>): string[] {
  const counts = new Map<string, number>();
  // An `updated` event announces a record rewritten with its story's date, not a second output.
  for (const { id, status } of events) if (status !== 'updated') counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}
