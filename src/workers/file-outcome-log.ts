import type { Logger } from '../log.js';

/** What became of one input file, as its one `info` line says. */
export type FileOutcome = 'record' | 'rejected' | 'failed' | 'duplicate';

export interface FileOutcomeLine {
  /** The input's name (relative to the inbox); null where a broken job has none. */
  file: string | null;
  outcome: FileOutcome;
  /** A rejection's reason, or a failed job's error. */
  reason?: string;
  /** The record id (sha256 of the bytes); for a duplicate, the id it duplicates. */
  id: string | null;
  /** When the file was dropped (the job's receivedAt): the line gives ms from then to now. */
  receivedAt?: string;
}

/**
 * One `info` line per file, so a terminal shows each file as it becomes a record, a
 * rejection, a failed job or a skipped duplicate: `{file, outcome, reason?, id, ms}`.
 * Workers log records, rejections and failures; producers log duplicates and refused entries.
 */
export function logFileOutcome(logger: Logger, line: FileOutcomeLine, now: () => number = Date.now): void {
  const received = line.receivedAt === undefined ? Number.NaN : Date.parse(line.receivedAt);
  const ms = Number.isNaN(received) ? null : Math.max(0, now() - received);
  const fields = { file: line.file, outcome: line.outcome, ...(line.reason === undefined ? {} : { reason: line.reason }), id: line.id, ms };
  const what = line.outcome === 'duplicate' ? 'duplicate skipped' : line.reason ? `${line.outcome} (${line.reason})` : line.outcome;
  logger.info(fields, `${line.file ?? 'input'}: ${what}`);
}
