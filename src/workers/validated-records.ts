import type { CleanResult } from '../clean/types.js';

/**
 * Records clean() returned in this thread. clean() validates its record against CleanRecord
 * before it returns it (src/clean/assemble.ts), so the worker need not parse the same object
 * again: that second zod pass was ~1.5% of a worker's main thread on small files (issue 18).
 * A record from anywhere else (the clean thread's copy, a stand-in cleaner) is not in here
 * and is parsed as before. Weak: a record is forgotten with its job.
 */
const validated = new WeakSet<object>();

/** Notes that `result`'s record came straight from clean() (call only with clean()'s own return value). */
export function fromClean(result: CleanResult): CleanResult {
  if (result.ok) validated.add(result.record);
  return result;
}

export const validatedByClean = (record: unknown): boolean => typeof record === 'object' && record !== null && validated.has(record);
