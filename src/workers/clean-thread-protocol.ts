import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { CleanOptions, CleanResult, RawInput } from '../clean/types.js';
import type { CleanFn } from './job-context.js';

/** One clean() call sent to the thread. */
export interface CleanRequest {
  id: number;
  input: RawInput;
  options: CleanOptions;
}

/** Its answer, with the thread's heap afterwards so the caller can decide to replace it. */
export interface CleanReply {
  id: number;
  result: CleanResult;
  /** V8 total_heap_size after the call: what the thread holds, garbage included. */
  heapBytes: number;
}

/** Sent once the thread has loaded the cleaner: its start-up does not count against a call's budget. */
export const THREAD_READY = 'ready';

/** The thread's side: answers each request with `cleanFn`, in order, until terminated. */
export function serveCleanRequests(cleanFn: CleanFn): void {
  const port = parentPort;
  if (!port) throw new Error('serveCleanRequests runs inside a worker thread');
  port.postMessage(THREAD_READY);
  const answer = async (request: CleanRequest) => {
    const result = await cleanFn(request.input, request.options);
    const reply: CleanReply = { id: request.id, result, heapBytes: getHeapStatistics().total_heap_size };
    port.postMessage(reply);
  };
  // A throw inside clean() is a bug clean() already turns into a rejection; anything escaping
  // here (a reply that cannot be cloned) ends the thread, which the caller reports.
  port.on('message', (request: CleanRequest) => {
    answer(request).catch((err: unknown) => {
      throw err;
    });
  });
}
