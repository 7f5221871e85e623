import { readFileSync, unlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import { fsyncDir, KnownDirs, writeFileAtomic } from './atomic-write.js';
import { isNotFound } from '../../files/fs-errors.js';
import { assertValidId, isValidId } from '../../ids.js';
import type { OutputKind, OutputLocation, OutputStore } from '../types.js';


/**
 * The default output store: `<root>/records/<id>.json` and `<root>/rejected/<id>.json`,
 * where root is `<data>/out`. Writes are atomic (temp + fsync + rename), so writing the
 * same id twice leaves one complete file. Only sha256 ids are ever turned into paths.
 */
export class FsOutputStore implements OutputStore {
  readonly kind = 'file';
  private readonly known = new KnownDirs();

  constructor(private readonly root: string) {}

  pathOf(kind: OutputKind, id: string): string {
    assertValidId(id);
    return join(this.root, kind, `${id}.json`);
  }

  async writeRecord(record: CleanRecord): Promise<OutputLocation> {
    return this.write('records', record.id, record);
  }

  async writeRejection(rejection: RejectionRecord): Promise<OutputLocation> {
    return this.write('rejected', rejection.id, rejection);
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
    try {
      unlinkSync(this.pathOf(kind, id));
      await fsyncDir(join(this.root, kind));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async close(): Promise<void> {}

  /** The new entry first, then the other kind's entry of the same id: a crash between leaves both, never neither. */
  private async write(kind: OutputKind, id: string, entry: unknown): Promise<OutputLocation> {
    await writeFileAtomic(this.pathOf(kind, id), `${JSON.stringify(entry, null, 2)}\n`, { known: this.known });
    await this.delete(kind === 'records' ? 'rejected' : 'records', id);
    return { store: this.kind, kind, id };
  }
}
