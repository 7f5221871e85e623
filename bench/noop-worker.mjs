// One no-op BullMQ worker process for the queue-ceiling baseline: the same Worker options
// and connection settings as scour's clean worker (src/workers/clean-worker.ts), an empty
// processor. Started by bench/sections/pipeline.mjs; it connects, says "ready" over IPC,
// takes jobs only once told "run", and closes on "stop".
import { Worker } from 'bullmq';

const [distDir, settingsJson] = process.argv.slice(2);
const { redisUrl, prefix, concurrency, lockMs } = JSON.parse(settingsJson);
const { bullConnection } = await import(`${distDir}/redis/redis-options.js`);
const { QUEUE_NAME } = await import(`${distDir}/queue/clean-queue.js`);

const worker = new Worker(QUEUE_NAME, async () => undefined, {
  connection: bullConnection(redisUrl, 'scour-bench-noop'),
  prefix,
  concurrency,
  lockDuration: lockMs,
  stalledInterval: lockMs,
  maxStalledCount: 2,
  autorun: false,
});
worker.on('error', (err) => process.stderr.write(`noop worker: ${err.message}\n`));
await worker.waitUntilReady();
process.on('message', (message) => {
  if (message === 'run') void worker.run();
  if (message === 'stop') void worker.close().then(() => process.exit(0));
});
process.on('disconnect', () => void worker.close().then(() => process.exit(0)));
process.send('ready');
