import { RejectionRecord, StoredRecord } from '../schemas/index.js';
import type { OutputStore, RawStore } from '../stores/types.js';

/** A record, or a rejection other than "failed" (a failed input is worth another try). */
export async function hasFinalOutput(key: string, output: OutputStore): Promise<boolean> {
  const [record, rejected] = await Promise.all([output.read('records', key), output.read('rejected', key)]);
  if (StoredRecord.safeParse(record).success) return true;
  const rejection = RejectionRecord.safeParse(rejected);
  return rejection.success && rejection.data.reason !== 'failed';
}

/**
 * A raw entry whose output is written: kept for the retention period (the sweeper removes it
 * when due), or deleted at once when the retention is 0.
 */
export async function settleRaw(raw: RawStore, key: string, retentionMs: number): Promise<void> {
  await (retentionMs > 0 ? raw.keep(key) : raw.delete(key));
}
