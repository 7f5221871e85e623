import { createBullBoard } from '@bull-board/api';
import type { ExternalJobUrl } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../version.js';
import { recordPagePath } from './console/paths.js';

/** Where bull-board is mounted. */
export const BOARD_PATH = '/queues';

/**
 * bull-board for the clean queue: counts per state, job data, the error and stack of failed
 * jobs, and the retry/clean actions. Access control is the root token hook, which covers
 * every route registered here (UI, static files, API actions).
 */
export async function registerQueueBoard(app: FastifyInstance, queue: Queue): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [
      new BullMQAdapter(queue, {
        readOnlyMode: false,
        allowRetries: true,
        description: 'raw file → clean() → record',
        // A finished job links to what it wrote (record, rejection or failure) in the records console;
        // bull-board shows no link for undefined, which its type does not admit.
        externalJobUrl: (job) =>
          (job.finishedOn && job.id !== undefined ? { displayText: 'open the record', href: recordPagePath(String(job.id)) } : undefined) as ExternalJobUrl,
      }),
    ],
    serverAdapter,
    options: {
      uiConfig: { boardTitle: `scour ${VERSION}` },
    },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
}
