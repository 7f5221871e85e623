import { RejectionRecord, StoredRecord } from '../schemas/index.js';
import type { OutputStore } from '../stores/types.js';

/** A record, or a rejection other than "failed" (a failed input is worth another try). */
export async function hasFinalOutput(key: string, output: OutputStore): Promise<boolean> {
  const [record, rejected] = await Promise.all([output.read('records', key), output.read('rejected', key)]);
  if (StoredRecord.safeParse(record).success) return true;
  const rejection = RejectionRecord.safeParse(rejected);
  return rejection.success && rejection.data.reason !== 'failed';
}
