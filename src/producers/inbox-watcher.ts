import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.js';
import type { BackPressureGate } from './back-pressure.js';
import { inboxName, isIgnoredPath } from './ignored-names.js';

export interface InboxWatcherOptions {
  /** Folder to watch, subfolders included. */
  inbox: string;
  /** A file must keep the same size this long before it is read, ms (0 = read at once). */
  stableMs: number;
  /** Reads one file into the pipeline; throws to have it tried again later. */
  ingest: (path: string, name: string) => Promise<unknown>;
  gate: BackPressureGate;
  logger: Logger;
  /** Files ingested at the same time (default 4: hashing and Redis round-trips overlap). */
  parallel?: number;
  /** Delay before a file whose ingest threw is tried again, ms (default 1000, doubling to 30 s). */
  retryMs?: number;
}

/**
 * Watches the inbox with chokidar, files already there included (that is the rescan after
 * a crash), and feeds each stable file to `ingest`, a few at a time, pausing while the
 * queue is over its waiting limit.
 */
export class InboxWatcher {
  private readonly inbox: string;
  private readonly pending = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly failures = new Map<string, number>();
  private watcher: FSWatcher | null = null;
  private closed = false;
  private pumping = false;
  private readonly drainedWaiters: Array<() => void> = [];

  constructor(private readonly options: InboxWatcherOptions) {
    this.inbox = resolve(options.inbox);
  }

  /** Resolves once the files already in the inbox have been found (not yet ingested). */
  async start(): Promise<void> {
    await mkdir(this.inbox, { recursive: true });
    const { stableMs } = this.options;
    this.watcher = watch(this.inbox, {
      ignoreInitial: false,
      persistent: true,
      ignored: (path: string) => isIgnoredPath(this.inbox, path),
      awaitWriteFinish: stableMs > 0 ? { stabilityThreshold: stableMs, pollInterval: Math.max(20, Math.min(100, stableMs / 3)) } : false,
    });
    this.watcher.on('add', (path) => this.offer(path));
    this.watcher.on('change', (path) => this.offer(path));
    this.watcher.on('error', (err) => this.options.logger.error({ err }, 'inbox watcher error'));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    this.options.logger.info({ inbox: this.inbox, found: this.pending.size }, 'watching the inbox');
  }

  /** Files seen but not yet ingested, and those being ingested now. */
  get backlog(): number {
    return this.pending.size + this.inFlight.size;
  }

  /** Resolves when nothing is pending or in flight (used by tests and `scour add`-like runs). */
  drained(): Promise<void> {
    if (this.backlog === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  /** Stops watching and waits for the files being ingested; pending ones stay in the inbox. */
  async close(): Promise<void> {
    this.closed = true;
    await this.watcher?.close();
    this.pending.clear();
    while (this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    this.notifyDrained();
  }

  private offer(path: string): void {
    if (this.closed || this.inFlight.has(path)) return;
    this.pending.add(path);
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      const parallel = this.options.parallel ?? 4;
      while (!this.closed && this.pending.size > 0 && this.inFlight.size < parallel) {
        await this.options.gate.wait(() => this.closed);
        if (this.closed) break;
        const path = this.pending.values().next().value as string | undefined;
        if (path === undefined) break;
        this.pending.delete(path);
        this.inFlight.add(path);
        void this.ingestOne(path);
      }
    } catch (err) {
      this.options.logger.error({ err }, 'could not read the queue size; retrying');
      setTimeout(() => void this.pump(), this.options.retryMs ?? 1000).unref();
    } finally {
      this.pumping = false;
    }
  }

  private async ingestOne(path: string): Promise<void> {
    try {
      await this.options.ingest(path, inboxName(this.inbox, path));
      this.failures.delete(path);
    } catch (err) {
      const tries = (this.failures.get(path) ?? 0) + 1;
      this.failures.set(path, tries);
      const delay = Math.min((this.options.retryMs ?? 1000) * 2 ** (tries - 1), 30_000);
      this.options.logger.warn({ path, tries, delay, err: (err as Error).message }, 'could not ingest a file; will try again');
      setTimeout(() => this.offer(path), delay).unref();
    } finally {
      this.inFlight.delete(path);
      if (this.backlog === 0) this.notifyDrained();
      void this.pump();
    }
  }

  private notifyDrained(): void {
    for (const resolve of this.drainedWaiters.splice(0)) resolve();
  }
}
