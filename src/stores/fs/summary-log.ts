import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EntryStatus, OutputSummary } from '../output-query.js';
import type { OutputKind } from '../types.js';

/**
 * The file store's summary index on disk: `<root>/index/<host>-<pid>-<random>.log`, one
 * append-only file per writing process (so no two processes ever write one file), one JSON
 * line per output written or deleted. A reader loads every log once and then tails them
 * (summary-index.ts). A line is appended only after its output is durable; a process that
 * dies between the two leaves an output without its line, which the reader's periodic
 * reconciliation with the folders finds.
 */

export const INDEX_DIR = 'index';
export const LOG_SUFFIX = '.log';

/** Summary fields carried by a put line (the id, status and time are fields of their own). */
export type SummaryFields = Omit<OutputSummary, 'id' | 'status' | 'cursor' | 'writtenAt'>;

export type LogLine =
  /**
   * An output written: its status, written time (µs since the epoch), summary and, for a
   * record, its word hashes (encodeHashes of wordHashesOf its search text).
   */
  | { op: 'put'; id: string; status: EntryStatus; at: number; s: SummaryFields; w?: string }
  /** An output of this kind removed at this time. */
  | { op: 'del'; id: string; kind: OutputKind; at: number };

/** Written times of one process strictly increase, so its own writes keep their order. */
let lastMicros = 0;
export function nowMicros(): number {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return lastMicros;
}

export class SummaryLogWriter {
  private fd: number | null = null;

  constructor(private readonly root: string) {}

  /** One write(2) per line on an O_APPEND descriptor of this process's own file. */
  append(line: LogLine): void {
    if (this.fd === null) {
      const dir = join(this.root, INDEX_DIR);
      mkdirSync(dir, { recursive: true });
      const name = `${hostname().replace(/[^\w.-]/g, '_')}-${process.pid}-${randomBytes(4).toString('hex')}${LOG_SUFFIX}`;
      this.fd = openSync(join(dir, name), 'a');
    }
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
