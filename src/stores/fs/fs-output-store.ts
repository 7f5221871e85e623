import { readFileSync, unlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import { fsyncDir, KnownDirs, writeFileAtomic } from './atomic-write.js';
import { isNotFound } from '../../files/fs-errors.js';
import { assertValidId, isValidId } from '../../ids.js';
import type { OutputKind, OutputLocation, OutputStore } from '../types.js';
import { encodeHashes, recordSummaryFields, searchTextOf, wordHashesOf, rejectionSummaryFields, statusOfRejection, type OutputCounts, type OutputFilter, type OutputQuery, type OutputSummary } from '../output-query.js';
import { SummaryIndex } from './summary-index.js';
import { nowMicros, SummaryLogWriter, type LogLine } from './summary-log.js';


/**
 * The default output store: `<root>/records/<id>.json` and `<root>/rejected/<id>.json`,
 * where root is `<data>/out`. Writes are atomic (temp + fsync + rename), so writing the
 * same id twice leaves one complete file. Only sha256 ids are ever turned into paths.
 */
export class FsOutputStore implements OutputStore {
  readonly kind = 'file';
  private readonly known = new KnownDirs();
  private readonly log: SummaryLogWriter;
  /** Loaded on the first query: a worker that only writes never reads the logs. */
  private index: SummaryIndex | null = null;

  constructor(private readonly root: string) {
    this.log = new SummaryLogWriter(root);
  }

  pathOf(kind: OutputKind, id: string): string {
    assertValidId(id);
    return join(this.root, kind, `${id}.json`);
  }

  async writeRecord(record: CleanRecord): Promise<OutputLocation> {
    const location = await this.write('records', record.id, record);
    const words = encodeHashes(wordHashesOf(searchTextOf(record)));
    this.log.append({ op: 'put', id: record.id, status: 'record', at: nowMicros(), s: recordSummaryFields(record), w: words });
    return location;
  }

  async writeRejection(rejection: RejectionRecord): Promise<OutputLocation> {
    const location = await this.write('rejected', rejection.id, rejection);
    this.log.append({ op: 'put', id: rejection.id, status: statusOfRejection(rejection), at: nowMicros(), s: rejectionSummaryFields(rejection) });
    return location;
  }

  async read(kind: OutputKind, id: string): Promise<unknown | null> {
    if (!isValidId(id)) return null;
    try {
      return JSON.parse(readFileSync(this.pathOf(kind, id), 'utf8')) as unknown;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async count(kind: OutputKind): Promise<number> {
    try {
      return (await readdir(join(this.root, kind))).filter((name) => name.endsWith('.json') && isValidId(name.slice(0, -5))).length;
    } catch (err) {
      if (isNotFound(err)) return 0;
      throw err;
    }
  }

  async delete(kind: OutputKind, id: string): Promise<void> {
    await this.remove(kind, id);
    const line: LogLine = { op: 'del', id, kind, at: nowMicros() };
    this.log.append(line);
  }

  query(query: OutputQuery): Promise<OutputSummary[]> {
    return this.indexed().query(query);
  }

  counts(filter: OutputFilter): Promise<OutputCounts> {
    return this.indexed().counts(filter);
  }

  private indexed(): SummaryIndex {
    this.index ??= new SummaryIndex(this.root, this.log);
    return this.index;
  }

  private async remove(kind: OutputKind, id: string): Promise<void> {
    try {
      unlinkSync(this.pathOf(kind, id));
      await fsyncDir(join(this.root, kind));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async close(): Promise<void> {
    this.log.close();
  }

  /** The new entry first, then the other kind's entry of the same id: a crash between leaves both, never neither. */
  private async write(kind: OutputKind, id: string, entry: unknown): Promise<OutputLocation> {
    await writeFileAtomic(this.pathOf(kind, id), `${JSON.stringify(entry, null, 2)}\n`, { known: this.known });
    await this.remove(kind === 'records' ? 'rejected' : 'records', id);
    return { store: this.kind, kind, id };
  }
}
