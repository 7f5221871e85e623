import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from '../../files/fs-errors.js';
import { isValidId } from '../../ids.js';
import { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import {
  compareCursors,
  dayOf,
  decodeHashes,
  emptyCounts,
  encodeHashes,
  encodeStoreCursor,
  holdsAll,
  queryWordHashes,
  recordSummaryFields,
  rejectionSummaryFields,
  searchTextOf,
  searchWords,
  wordHashesOf,
  statusesOf,
  statusOfRejection,
  type OutputCounts,
  type OutputFilter,
  type OutputQuery,
  type OutputSummary,
  type StoreCursor,
} from '../output-query.js';
import type { OutputKind } from '../types.js';
import { INDEX_DIR, LOG_SUFFIX, nowMicros, type LogLine, type SummaryFields, type SummaryLogWriter } from './summary-log.js';

/**
 * The file store's query side: every summary in memory, sorted by written time, built from
 * the summary logs (summary-log.ts) and kept current by reading what they grew by before
 * each query. Filters run over that array (tens of milliseconds at 100,000 entries); a text
 * search reads the candidate records' files, newest first, until the page is full.
 *
 * The folders stay the truth: at load and then at most once per RECONCILE_MS, the index is
 * compared with `records/` and `rejected/`; an output without a line (its writer died between
 * the two, or it was written before the index existed) is read and indexed, and logged so
 * the next reader need not read it again; a line whose output is gone is dropped.
 */

/** How often (at most) a query compares the index with the folders. */
export const RECONCILE_MS = 60_000;
/** Log lines placed one by one in the order; more are sorted in at once. */
const BULK_LINES = 64;
/** Files reconciliation reads between two turns of the event loop. */
const RECONCILE_BATCH = 200;
/** Record files read at once by a text search. */
const SEARCH_READS_AT_ONCE = 16;

interface Entry {
  id: string;
  status: OutputSummary['status'];
  micros: number;
  s: SummaryFields;
  day: string | null;
  /** Sorted word hashes of a record's search text; null when its line had none (then the file is read). */
  words: Uint32Array | null;
}

const kindOf = (entry: Entry): OutputKind => (entry.status === 'record' ? 'records' : 'rejected');

function compareEntries(a: { micros: number; id: string }, b: { micros: number; id: string }): number {
  if (a.micros !== b.micros) return a.micros - b.micros;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface LogTail {
  offset: number;
  partial: string;
}

export class SummaryIndex {
  private readonly byId = new Map<string, Entry>();
  /** Oldest first. */
  private order: Entry[] = [];
  /** Set when the map changed in bulk: the order is sorted again before it is read. */
  private orderStale = false;
  private readonly tails = new Map<string, LogTail>();
  private reconciledAt = -Infinity;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly root: string,
    private readonly writer: SummaryLogWriter,
    private readonly now: () => number = Date.now,
  ) {}

  async query(query: OutputQuery): Promise<OutputSummary[]> {
    await this.refresh();
    const statuses = statusesOf(query);
    if (statuses.length === 0 || query.limit < 1) return [];
    const keep = this.predicate(query, statuses);
    const words = query.q === undefined ? [] : searchWords(query.q);
    const hashes = query.q === undefined ? [] : queryWordHashes(query.q);
    const newer = query.after !== undefined;
    const start = query.after ? this.upperBound(query.after) : query.before ? this.lowerBound(query.before) - 1 : this.order.length - 1;
    const step = newer ? 1 : -1;
    const out: OutputSummary[] = [];
    const batch: Entry[] = [];
    for (let i = start; i >= 0 && i < this.order.length && out.length < query.limit; i += step) {
      const entry = this.order[i]!;
      if (!keep(entry)) continue;
      if (words.length === 0) {
        out.push(summaryOf(entry));
        continue;
      }
      // The hashes rule most entries out in memory; a listed match is confirmed on the record.
      if (entry.words && !holdsAll(entry.words, hashes)) continue;
      batch.push(entry);
      if (batch.length >= Math.min(SEARCH_READS_AT_ONCE, query.limit - out.length)) out.push(...(await this.searched(batch.splice(0), words)));
    }
    if (batch.length > 0) out.push(...(await this.searched(batch, words)));
    return out.slice(0, query.limit);
  }

  /**
   * Counts by the word hashes where an entry has them (exact but for a 32-bit hash collision,
   * odds about 1 in 10^7 per record and word), reading only records indexed without them.
   */
  async counts(filter: OutputFilter): Promise<OutputCounts> {
    await this.refresh();
    const counts = emptyCounts();
    const statuses = statusesOf(filter);
    if (statuses.length === 0) return counts;
    const keep = this.predicate(filter, statuses);
    let matching = this.order.filter(keep);
    const words = filter.q === undefined ? [] : searchWords(filter.q);
    if (words.length > 0) {
      const hashes = queryWordHashes(filter.q!);
      const unhashed = matching.filter((entry) => entry.words === null);
      matching = matching.filter((entry) => entry.words !== null && holdsAll(entry.words, hashes));
      for (let i = 0; i < unhashed.length; i += SEARCH_READS_AT_ONCE) matching.push(...(await this.matchingText(unhashed.slice(i, i + SEARCH_READS_AT_ONCE), words)));
    }
    for (const entry of matching) {
      counts.total += 1;
      counts.byStatus[entry.status] += 1;
      if (entry.s.reason !== null) counts.byReason[entry.s.reason] = (counts.byReason[entry.s.reason] ?? 0) + 1;
    }
    return counts;
  }

  private predicate(f: OutputFilter, statuses: OutputSummary['status'][]): (entry: Entry) => boolean {
    const since = f.since === undefined ? -Infinity : Date.parse(f.since) * 1000;
    return (e) =>
      statuses.includes(e.status) &&
      (f.from === undefined || (e.day !== null && e.day >= f.from)) &&
      (f.to === undefined || (e.day !== null && e.day <= f.to)) &&
      (f.publisher === undefined || e.s.publisher === f.publisher) &&
      (f.language === undefined || e.s.language === f.language) &&
      (f.story === undefined || e.s.story === f.story) &&
      (f.reason === undefined || e.s.reason === f.reason) &&
      e.micros >= since;
  }

  private async searched(entries: Entry[], words: string[]): Promise<OutputSummary[]> {
    return (await this.matchingText(entries, words)).map(summaryOf);
  }

  /** The entries whose record's title and body hold every word (records vanished since are left out). */
  private async matchingText(entries: Entry[], words: string[]): Promise<Entry[]> {
    const matches = await Promise.all(
      entries.map(async (entry) => {
        const record = await this.readEntry('records', entry.id);
        if (record === null) return false;
        const have = new Set(searchWords(searchTextOf(record as { title?: unknown; body?: unknown })));
        return words.every((w) => have.has(w));
      }),
    );
    return entries.filter((_, i) => matches[i]);
  }

  private async readEntry(kind: OutputKind, id: string): Promise<unknown | null> {
    try {
      return JSON.parse(await readFile(join(this.root, kind, `${id}.json`), 'utf8')) as unknown;
    } catch (err) {
      if (isNotFound(err) || err instanceof SyntaxError) return null;
      throw err;
    }
  }

  /** One refresh at a time; queries arriving meanwhile share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.refreshNow().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshNow(): Promise<void> {
    const lines = await this.tailLogs();
    // A few lines (the usual refresh) go into place one by one; a load sorts once, since
    // lines from many logs arrive in no order and each placement moves half the array.
    const bulk = lines.length > BULK_LINES;
    for (const line of lines) this.apply(line, bulk);
    if (this.now() - this.reconciledAt >= RECONCILE_MS) {
      await this.reconcile();
      this.reconciledAt = this.now();
    }
    if (this.orderStale) {
      this.order = [...this.byId.values()].sort(compareEntries);
      this.orderStale = false;
    }
  }

  /** What every log grew by since the last look; a line still being written waits for its end. */
  private async tailLogs(): Promise<LogLine[]> {
    const dir = join(this.root, INDEX_DIR);
    const found: LogLine[] = [];
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith(LOG_SUFFIX)).sort();
    } catch (err) {
      if (isNotFound(err)) return found;
      throw err;
    }
    for (const name of names) {
      const tail = this.tails.get(name) ?? { offset: 0, partial: '' };
      this.tails.set(name, tail);
      let fd: number;
      try {
        fd = openSync(join(dir, name), 'r');
      } catch (err) {
        if (isNotFound(err)) continue;
        throw err;
      }
      try {
        const size = fstatSync(fd).size;
        if (size <= tail.offset) continue;
        const buffer = Buffer.alloc(size - tail.offset);
        let read = 0;
        while (read < buffer.length) {
          const n = readSync(fd, buffer, read, buffer.length - read, tail.offset + read);
          if (n === 0) break;
          read += n;
        }
        tail.offset += read;
        const lines = (tail.partial + buffer.subarray(0, read).toString('utf8')).split('\n');
        tail.partial = lines.pop() ?? '';
        for (const line of lines) {
          const parsed = parseLine(line);
          if (parsed) found.push(parsed);
        }
      } finally {
        closeSync(fd);
      }
    }
    return found;
  }

  /** Applies one line to the map, and to the order unless `bulk` (the order is then sorted again). */
  private apply(line: LogLine, bulk: boolean): void {
    const existing = this.byId.get(line.id);
    if (line.op === 'del') {
      if (existing && kindOf(existing) === line.kind && existing.micros <= line.at) this.remove(existing, bulk);
      return;
    }
    if (existing && compareEntries(existing, { micros: line.at, id: line.id }) > 0) return;
    if (existing) this.remove(existing, bulk);
    const words = typeof line.w === 'string' ? decodeHashes(line.w) : null;
    const entry = { id: line.id, status: line.status, micros: line.at, s: line.s, day: dayOf(line.s.date), words };
    if (bulk) {
      this.byId.set(entry.id, entry);
      this.orderStale = true;
    } else this.insert(entry);
  }

  /** Makes the index agree with the folders (see the class comment). */
  private async reconcile(): Promise<void> {
    const present = { records: await idsIn(join(this.root, 'records')), rejected: await idsIn(join(this.root, 'rejected')) };
    for (const entry of this.byId.values()) {
      if (present[kindOf(entry)].has(entry.id)) continue;
      this.byId.delete(entry.id);
      this.orderStale = true;
    }
    let read = 0;
    for (const kind of ['records', 'rejected'] as const) {
      for (const id of present[kind]) {
        const known = this.byId.get(id);
        if (known && kindOf(known) === kind) continue;
        const line = this.lineFromFile(kind, id);
        // Small files read synchronously (an async read each cost ~30x more through the thread
        // pool), with a turn of the event loop every so often so other requests are served.
        if (++read % RECONCILE_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
        if (line === null) continue;
        this.apply(line, true);
        this.writer.append(line);
      }
    }
  }

  private lineFromFile(kind: OutputKind, id: string): LogLine | null {
    let stored: unknown;
    let mtimeMs: number;
    try {
      const fd = openSync(join(this.root, kind, `${id}.json`), 'r');
      try {
        mtimeMs = fstatSync(fd).mtimeMs;
        stored = JSON.parse(readFileSync(fd, 'utf8')) as unknown;
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if (isNotFound(err) || err instanceof SyntaxError) return null;
      throw err;
    }
    const at = Math.min(Math.round(mtimeMs * 1000), nowMicros());
    if (kind === 'records') {
      const record = CleanRecord.safeParse(stored);
      if (!record.success) return null;
      return { op: 'put', id, status: 'record', at, s: recordSummaryFields(record.data), w: encodeHashes(wordHashesOf(searchTextOf(record.data))) };
    }
    const rejection = RejectionRecord.safeParse(stored);
    return rejection.success ? { op: 'put', id, status: statusOfRejection(rejection.data), at, s: rejectionSummaryFields(rejection.data) } : null;
  }

  private insert(entry: Entry): void {
    this.byId.set(entry.id, entry);
    const last = this.order[this.order.length - 1];
    if (!last || compareEntries(last, entry) < 0) {
      this.order.push(entry);
      return;
    }
    this.order.splice(this.lowerBoundOf(entry), 0, entry);
  }

  private remove(entry: Entry, bulk: boolean): void {
    this.byId.delete(entry.id);
    if (bulk) {
      this.orderStale = true;
      return;
    }
    const i = this.lowerBoundOf(entry);
    if (this.order[i] === entry) this.order.splice(i, 1);
  }

  /** First index whose entry is not older than key. */
  private lowerBoundOf(key: { micros: number; id: string }): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.order[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(cursor: StoreCursor): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCursors(cursorOf(this.order[mid]!), cursor) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose entry is newer than cursor. */
  private upperBound(cursor: StoreCursor): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCursors(cursorOf(this.order[mid]!), cursor) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const cursorOf = (entry: Entry): StoreCursor => ({ micros: BigInt(entry.micros), id: entry.id });

function summaryOf(entry: Entry): OutputSummary {
  return {
    id: entry.id,
    status: entry.status,
    cursor: encodeStoreCursor(cursorOf(entry)),
    writtenAt: new Date(Math.floor(entry.micros / 1000)).toISOString(),
    ...entry.s,
  };
}

/** A line of a log, or null for anything else (a torn or foreign line is skipped, and reconciliation covers it). */
function parseLine(text: string): LogLine | null {
  if (text.trim() === '') return null;
  try {
    const line = JSON.parse(text) as LogLine;
    if (!isValidId(line.id) || !Number.isSafeInteger(line.at)) return null;
    if (line.op === 'del') return line.kind === 'records' || line.kind === 'rejected' ? line : null;
    if (line.op === 'put' && ['record', 'rejected', 'failed'].includes(line.status) && typeof line.s === 'object' && line.s !== null) return line;
    return null;
  } catch {
    return null;
  }
}

async function idsIn(dir: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(dir)).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).filter(isValidId));
  } catch (err) {
    if (isNotFound(err)) return new Set();
    throw err;
  }
}
