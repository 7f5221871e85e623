import { lstat } from 'node:fs/promises';
import { isNotFound } from '../files/fs-errors.js';

/** What one look at a path found. */
type Look = { kind: 'file'; size: number; mtimeMs: number } | { kind: 'folder' | 'gone' } | { kind: 'error'; err: unknown };

type State =
  /** First stat under way. */
  | 'looking'
  /** Waiting for stableMs to pass, then compared with a second stat. */
  | 'settling'
  /** Unchanged for stableMs: waits in the ready line for its turn to be ingested. */
  | 'ready'
  /** Handed out by take(); stays counted until done(). */
  | 'taken';

interface Candidate {
  state: State;
  size: number;
  mtimeMs: number;
  /** When a settling file is looked at again (ms, Date.now clock). */
  due: number;
  /** An event named the path after its last stat. */
  touched: boolean;
}

/** A first-in first-out line: push and shift are O(1), unlike Array.prototype.shift. */
class Line<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

/**
 * Stats in flight at once. A scan offers thousands of paths in a burst; a stat each at once
 * would hold thousands of pending requests (and their memory) for no gain on 4 libuv threads.
 */
const MAX_LOOKS = 32;

export interface CandidateFilesOptions {
  /** A file must keep its size and mtime this long before it is handed out, ms (0 = at once). */
  stableMs: number;
  /** Most paths tracked at once; offer() refuses more (memory stays bounded whatever the inbox holds). */
  limit: number;
  /** A file became ready. */
  onReady: () => void;
  /** A looked-at path is a folder or has vanished; the watcher decides what that means. */
  onFolder: (path: string) => void;
  onGone: (path: string) => void;
  onError: (path: string, err: unknown) => void;
  /** The last tracked path was forgotten. */
  onEmpty: () => void;
}

/**
 * The inbox files the watcher knows of and has not finished with, each going
 * looking → settling → ready → taken. Every step is O(1) per file: one stat when offered,
 * one more after stableMs (files settle in one line, since they all wait the same time, and
 * a single timer serves its head), then a ready line. A file whose size or mtime changed
 * settles again; so does a ready one an event named since its last stat.
 */
export class CandidateFiles {
  private readonly tracked = new Map<string, Candidate>();
  private readonly settling = new Line<[string, Candidate]>();
  private readonly ready = new Line<[string, Candidate]>();
  /** Candidates waiting for a stat, first come first served; `looks` are in flight. */
  private readonly toLook = new Line<[string, Candidate]>();
  private looks = 0;
  private timer: NodeJS.Timeout | null = null;
  private roomWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: CandidateFilesOptions) {}

  /** Paths tracked: being looked at, settling, ready or taken. */
  get size(): number {
    return this.tracked.size;
  }

  get hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** Starts tracking path (a known one is only marked touched); false when the limit is reached. */
  offer(path: string): boolean {
    const known = this.tracked.get(path);
    if (known) {
      known.touched = true;
      return true;
    }
    if (this.closed || this.tracked.size >= this.options.limit) return false;
    const candidate: Candidate = { state: 'looking', size: -1, mtimeMs: -1, due: 0, touched: false };
    this.tracked.set(path, candidate);
    this.lookSoon(path, candidate);
    return true;
  }

  /** The next ready file, now counted as taken; undefined when none is ready. */
  take(): string | undefined {
    for (let next = this.ready.shift(); next !== undefined; next = this.ready.shift()) {
      const [path, candidate] = next;
      if (this.tracked.get(path) !== candidate) continue;
      if (candidate.touched && this.options.stableMs > 0) {
        // Written to after it was found stable: compare once more before reading it.
        candidate.state = 'looking';
        this.lookSoon(path, candidate);
        continue;
      }
      candidate.state = 'taken';
      return path;
    }
    return undefined;
  }

  /** Forgets a taken path (ingested, or failed and to be offered again later). */
  done(path: string): void {
    this.forget(path);
  }

  /** Resolves once fewer than `limit` paths are tracked (or on close). */
  waitForRoom(): Promise<void> {
    if (this.closed || this.tracked.size < this.options.limit) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.tracked.clear();
    this.settling.clear();
    this.ready.clear();
    this.toLook.clear();
    this.wakeRoomWaiters();
  }

  private forget(path: string): void {
    if (!this.tracked.delete(path)) return;
    if (this.tracked.size < this.options.limit) this.wakeRoomWaiters();
    if (this.tracked.size === 0) this.options.onEmpty();
  }

  private wakeRoomWaiters(): void {
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }

  private lookSoon(path: string, candidate: Candidate): void {
    this.toLook.push([path, candidate]);
    this.startLooks();
  }

  private startLooks(): void {
    while (this.looks < MAX_LOOKS) {
      const next = this.toLook.shift();
      if (!next) return;
      const [path, candidate] = next;
      if (this.tracked.get(path) !== candidate) continue;
      this.looks += 1;
      void this.lookAgain(path, candidate).finally(() => {
        this.looks -= 1;
        this.startLooks();
      });
    }
  }

  /** A stat of the candidate; unchanged since the previous one → ready, else it settles (again). */
  private async lookAgain(path: string, candidate: Candidate): Promise<void> {
    candidate.touched = false;
    const look = await lookAt(path);
    if (this.tracked.get(path) !== candidate) return;
    if (look.kind !== 'file') {
      this.forget(path);
      if (look.kind === 'folder') this.options.onFolder(path);
      else if (look.kind === 'gone') this.options.onGone(path);
      else if (look.kind === 'error') this.options.onError(path, look.err);
      return;
    }
    const unchanged = look.size === candidate.size && look.mtimeMs === candidate.mtimeMs;
    candidate.size = look.size;
    candidate.mtimeMs = look.mtimeMs;
    // The first look has nothing to compare with (size -1), so a new file always settles once.
    if (this.options.stableMs === 0 || unchanged) {
      candidate.state = 'ready';
      this.ready.push([path, candidate]);
      this.options.onReady();
      return;
    }
    candidate.state = 'settling';
    candidate.due = Date.now() + this.options.stableMs;
    this.settling.push([path, candidate]);
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.closed) return;
    const head = this.settling.peek();
    if (!head) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.settleDue();
    }, Math.max(0, head[1].due - Date.now()));
  }

  /** Looks again at every settling file whose time has come. */
  private settleDue(): void {
    const now = Date.now();
    for (let head = this.settling.peek(); head && head[1].due <= now; head = this.settling.peek()) {
      this.settling.shift();
      const [path, candidate] = head;
      if (this.tracked.get(path) === candidate && candidate.state === 'settling') this.lookSoon(path, candidate);
    }
    this.arm();
  }
}

/**
 * lstat only: a link is never followed. Everything but a real folder is handed on as a
 * file, links, FIFOs and sockets included, so that ingest refuses it visibly (a
 * `not-a-regular-file` rejection) rather than the watcher passing over it in silence.
 */
async function lookAt(path: string): Promise<Look> {
  try {
    const info = await lstat(path);
    if (info.isDirectory()) return { kind: 'folder' };
    return { kind: 'file', size: info.size, mtimeMs: info.mtimeMs };
  } catch (err) {
    return isNotFound(err) ? { kind: 'gone' } : { kind: 'error', err };
  }
}
