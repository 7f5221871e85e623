import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CleanRecord } from '../src/schemas/index.js';
import { CleanThread } from '../src/workers/clean-thread.js';
import { processCleanJob } from '../src/workers/process-clean-job.js';
import { enqueueContent, openHarness, workerContext, type PipelineHarness } from './helpers/pipeline-harness.js';

// Issue 18: clean() validates its record against CleanRecord before returning it; the worker
// parsed the same object a second time. A record straight from clean() (cleaned inline) is
// now taken as it is; anything else is still parsed (pipeline-worker.test.ts: a stand-in's
// broken record fails at once).
describe('worker: a record from clean() is validated once', () => {
  let h: PipelineHarness;
  let thread: CleanThread;
  beforeEach(async () => {
    h = await openHarness();
    thread = new CleanThread();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await thread.close();
    await h.close();
  });

  it('CleanRecord is parsed once per record cleaned inline (by clean() itself), and the record is written', async () => {
    const text = await readFile(join(import.meta.dirname, 'golden', 'chron-esper-vietnam-text', 'source.txt'), 'utf8');
    const key = await enqueueContent(h, 'esper.txt', text);
    const job = await h.queue.getJob(key);
    const parse = vi.spyOn(CleanRecord, 'safeParse');
    const outcome = await processCleanJob(job!, workerContext(h, thread.run));
    expect(outcome.status).toBe('record');
    expect(parse).toHaveBeenCalledTimes(1);
    expect(CleanRecord.parse(await h.output.read('records', key)).id).toBe(key);
  });
});
