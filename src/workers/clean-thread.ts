import { Worker } from 'node:worker_threads';
import { clean } from '../clean/index.js';
import { cleanBudgetMs, DEFAULT_CLEAN_HEAP_MB, DEFAULT_LOCK_MS } from '../config.js';
import type { CleanOptions, CleanResult, RawInput } from '../clean/types.js';
import { THREAD_READY, type CleanReply, type CleanRequest } from './clean-thread-protocol.js';

/**
 * The thread's module. src/workers and dist/workers are both two levels below the package
 * root, so this names the built module from either (tests run src/, the pipeline dist/).
 */
const ENTRY = new URL('../../dist/workers/clean-thread-entry.js', import.meta.url);

const MB = 1024 * 1024;

export interface CleanThreadOptions {
  /**
   * Longest one clean() may run, ms, counted from when the thread starts it (not while it
   * waits its turn). Beyond it the thread is stopped and the input rejected as too-slow.
   * Default: SCOUR_CLEAN_BUDGET_MS's default, half the default job lock (the pipeline passes
   * the configured budget, kept below the job lock).
   */
  budgetMs?: number;
  /** Heap cap of the thread, MB: an input that needs more is rejected as too-complex. Default SCOUR_CLEAN_HEAP_MB's, 512. */
  heapMb?: number;
  /**
   * A call that leaves the thread holding more heap than this, MB, retires the thread: V8
   * keeps a grown heap for the next call, and only ending the isolate gives it all back.
   * Default 192: the eval sets' 3,590 real pages and dumps leave up to about 150; an HTML
   * input at the cleaner's tag limit leaves about 350.
   */
  recycleHeapMb?: number;
  /**
   * Inputs up to this many bytes are cleaned on the calling thread, without budget or cap:
   * the hop costs about 0.9 ms of CPU per job in the pipeline (messages, wake-ups, the record
   * copied back), a third more than a small text dump's whole job. The slowest such input
   * known takes 0.9 s (a 16 KB line of digits after "yesterday": TIME_REST backtracks over
   * it), far inside the lock; the tag and line limits bound their memory. Default 16384;
   * 0 sends every input to the thread.
   */
  inlineMaxBytes?: number;
  /** The thread's module (default: dist/workers/clean-thread-entry.js); tests pass stand-ins. */
  module?: URL;
}

interface Pending {
  request: CleanRequest;
  resolve: (result: CleanResult) => void;
  reject: (err: Error) => void;
}

/**
 * Runs clean() in a worker thread, one call at a time, under a time budget and a heap cap.
 * clean() is synchronous: on the main thread a slow input froze the event loop, BullMQ could
 * not renew the job's lock, and the job ran again on another worker while the first still
 * ran (14.8 MB of date phrases: 105 s, three runs, three records). Here the main thread stays
 * free, and a call over budget or over the heap cap ends as a rejection, its thread replaced.
 * The thread is kept across calls: a call costs two message copies, not a thread start.
 * Small inputs skip it (see inlineMaxBytes).
 */
export class CleanThread {
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly recycleBytes: number;
  private readonly module: URL;
  private readonly inlineMaxBytes: number;
  private worker: Worker | null = null;
  /** The current thread has loaded the cleaner. */
  private ready = false;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closed = false;
  /** Callers of preload() waiting for the current thread to load the cleaner. */
  private readonly loadWaiters: Array<() => void> = [];
  /** Threads started so far (a replaced thread counts again). */
  threadsStarted = 0;

  constructor(options: CleanThreadOptions = {}) {
    this.budgetMs = options.budgetMs ?? cleanBudgetMs({ lockMs: DEFAULT_LOCK_MS });
    this.heapMb = options.heapMb ?? DEFAULT_CLEAN_HEAP_MB;
    this.recycleBytes = (options.recycleHeapMb ?? 192) * MB;
    this.module = options.module ?? ENTRY;
    this.inlineMaxBytes = options.inlineMaxBytes ?? 16 * 1024;
  }

  /**
   * clean(input, options): in the thread, resolving with its result or a too-slow /
   * too-complex rejection; here when the input is small (see inlineMaxBytes).
   */
  run = (input: RawInput, options: CleanOptions): Promise<CleanResult> => {
    if (this.closed) return Promise.reject(new Error('the clean thread is closed'));
    if (input.bytes.length <= this.inlineMaxBytes) return Promise.resolve(clean(input, options));
    return new Promise<CleanResult>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, input, options }, resolve, reject });
      this.pump();
    });
  };

  /**
   * Starts the thread now; resolves once it has loaded the cleaner (or failed to: the error
   * then comes with the first call). A fresh thread compiles the cleaner's modules, about half
   * a second of CPU: without this the first large input after a worker starts waited for it.
   */
  preload(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.thread();
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.loadWaiters.push(resolve));
  }

  /** Stops the thread; the call in flight and those still waiting are refused (close the BullMQ worker first). */
  async close(): Promise<void> {
    this.closed = true;
    const refused = new Error('the clean thread closed before this input was cleaned');
    for (const pending of this.queue.splice(0)) pending.reject(refused);
    this.settle({ error: refused });
    this.loaded();
    await this.retire();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.module, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    // An idle thread must not keep the process alive (a call in flight refs it, see pump).
    worker.unref();
    worker.on('message', (message: CleanReply | typeof THREAD_READY) => {
      if (message === THREAD_READY) this.started(worker);
      else this.answered(worker, message);
    });
    worker.on('error', (err: Error & { code?: string }) => this.crashed(worker, err));
    worker.on('exit', (code) => this.crashed(worker, new Error(`the clean thread exited with code ${code}`)));
    this.threadsStarted++;
    this.worker = worker;
    this.ready = false;
    return worker;
  }

  private started(worker: Worker): void {
    if (worker !== this.worker) return;
    this.ready = true;
    this.loaded();
    if (this.current) this.startClock();
  }

  private loaded(): void {
    for (const resolve of this.loadWaiters.splice(0)) resolve();
  }

  /** The budget runs while the thread works on the call: from its start, or from the thread's. */
  private startClock(): void {
    this.timer ??= setTimeout(() => this.overBudget(), this.budgetMs);
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    const worker = this.thread();
    worker.ref();
    worker.postMessage(next.request);
    if (this.ready) this.startClock();
  }

  private settle(outcome: { result: CleanResult } | { error: Error }): void {
    const pending = this.current;
    if (!pending) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if ('result' in outcome) pending.resolve(outcome.result);
    else pending.reject(outcome.error);
    if (this.queue.length === 0) this.worker?.unref();
    this.pump();
  }

  private answered(worker: Worker, reply: CleanReply): void {
    if (worker !== this.worker || reply.id !== this.current?.request.id) return;
    if (reply.heapBytes > this.recycleBytes) void this.retire();
    this.settle({ result: reply.result });
  }

  private overBudget(): void {
    void this.retire();
    this.settle({ result: { ok: false, reason: 'too-slow', detail: `clean() ran over its budget of ${this.budgetMs} ms and was stopped` } });
  }

  private crashed(worker: Worker, err: Error & { code?: string }): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.loaded();
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.settle({ result: { ok: false, reason: 'too-complex', detail: `clean() needed more than its ${this.heapMb} MB heap and was stopped` } });
    } else {
      this.settle({ error: err });
    }
  }

  /** Ends the current thread (its heap goes with it); the next call starts a fresh one. */
  private async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
