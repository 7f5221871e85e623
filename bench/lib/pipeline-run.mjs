// One running pipeline for the bench: `scour worker --workers K` and `scour producer` as
// separate processes (so each one's memory can be read) on a temp data dir and a unique
// queue prefix, plus the means to drop files, wait for their outputs and time them. The
// stores are the data dir's folders, or PostgreSQL (schema = the prefix, dropped at close).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, sleep } from './measure.mjs';
import { childPids, cpuTimesOf, hasProc, memoryOf, startScour } from './processes.mjs';
import { dropSchema, pgServerCpu, pipelineBackendCpu } from './postgres.mjs';
import { deletePrefix, readStream, redisCpuSeconds } from './redis.mjs';

/** No new output for this long means the pipeline is stuck: the run fails instead of hanging. */
const STALL_MS = 120_000;

/**
 * withProducer: false runs the workers alone (for jobs the bench queues itself). pg: a client
 * from connectPgOrNull, to run on the PostgreSQL stores at pg.url instead of the data dir's
 * folders (either way the store is passed as --store, so a SCOUR_STORE in the environment
 * never decides it). nodeArgs: node's own flags for the producer and workers (e.g. --cpu-prof).
 */
export async function openPipeline({ root, redis, redisUrl, keyPrefix = 'bench', workers, log, dataDir = mkdtempSync(join(tmpdir(), 'scour-bench-')), startupMs = 60_000, withProducer = true, pg = null, nodeArgs }) {
  const prefix = `${keyPrefix}-${randomUUID().slice(0, 8)}`;
  const inbox = join(dataDir, 'inbox');
  const store = pg ? pg.url : `file:${dataDir}`;
  const opts = { dataDir, prefix, redisUrl, store, nodeArgs };
  const worker = startScour(root, 'worker', { ...opts, extra: ['--workers', String(workers)] });
  let producer = null;
  const close = async () => {
    await producer?.stop();
    await worker.stop();
    await deletePrefix(redis, prefix);
    if (pg) await dropSchema(pg, prefix).catch((err) => log(`pipeline: could not drop schema ${prefix}: ${err.message}`));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await worker.waitForLog(/"msg":"worker ready"/, 30_000, workers);
    if (withProducer) {
      producer = startScour(root, 'producer', opts);
      await producer.waitForLog(/"msg":"watching the inbox"/, startupMs);
    }
  } catch (err) {
    await close();
    throw err;
  }
  log(`pipeline: ${workers} worker process(es)${withProducer ? ' and a producer' : ''} running on ${dataDir}, prefix ${prefix}${pg ? `, PostgreSQL stores (schema ${prefix})` : ''}`);
  const streamKey = `${prefix}:records`;
  return {
    prefix,
    dataDir,
    pg,
    inbox,
    producer,
    worker,
    /** Worker processes' pids: the supervisor's children, or the worker itself when it runs alone. */
    workerPids: () => (workers > 1 ? childPids(worker.pid) : [worker.pid]),
    // Every entry but `updated` ones (a record rewritten with its story's date) is one output.
    outputs: async () => (await redis.xlen(streamKey)) - Number((await redis.hget(`${prefix}:stats`, 'records_updated')) ?? 0),
    /** Stream entries after afterId, each with its file's latency when its sha is in drops. */
    async entries(afterId = '-') {
      return readStream(redis, streamKey, afterId);
    },
    close,
  };
}

/** Renames each staged file into the inbox (an atomic drop); returns Map sha → drop time (ms). */
export function dropAll(stagingDir, inbox, files) {
  const drops = new Map();
  for (const f of files) {
    renameSync(join(stagingDir, f.name), join(inbox, f.name));
    drops.set(f.sha, Date.now());
  }
  return drops;
}

/** Drops files at `perSecond`, spread evenly; returns Map sha → drop time (ms). */
export async function dropPaced(stagingDir, inbox, files, perSecond) {
  const drops = new Map();
  const start = Date.now();
  let next = 0;
  while (next < files.length) {
    const due = Math.min(files.length, Math.floor(((Date.now() - start) / 1000) * perSecond) + 1);
    for (; next < due; next++) {
      renameSync(join(stagingDir, files[next].name), join(inbox, files[next].name));
      drops.set(files[next].sha, Date.now());
    }
    await sleep(5);
  }
  return drops;
}

/**
 * Polls the records stream until it holds `expected` entries; `onTick(count)` runs every
 * poll (the memory sampler hooks in there). Throws when nothing new arrives for STALL_MS.
 */
export async function waitForOutputs(pipeline, expected, { onTick = () => undefined, pollMs = 100, log, budgetMs = Infinity } = {}) {
  let count = 0;
  const started = Date.now();
  let lastChange = started;
  let lastLog = started;
  while (count < expected) {
    if (Date.now() - started > budgetMs) {
      log?.(`pipeline: time budget of ${Math.round(budgetMs / 1000)} s spent at ${count}/${expected} outputs; measuring what was reached`);
      return { count, complete: false };
    }
    await sleep(pollMs);
    const now = await pipeline.outputs();
    if (now !== count) lastChange = Date.now();
    count = now;
    onTick(count);
    if (log && Date.now() - lastLog > 10_000) {
      log(`pipeline: ${count}/${expected} outputs`);
      lastLog = Date.now();
    }
    if (Date.now() - lastChange > STALL_MS) {
      throw new Error(`the pipeline stopped at ${count}/${expected} outputs\nproducer:\n${pipeline.producer?.tail() ?? '-'}\nworker:\n${pipeline.worker.tail()}`);
    }
  }
  return { count, complete: true };
}

/**
 * CPU seconds used so far by the producer, the worker processes (supervisor included) and
 * Redis (INFO cpu, which counts every client of that Redis, not only this pipeline). With a
 * PostgreSQL client (`pg`, whose server is on this machine): the whole server's processes
 * (every client's) and, per backend, those serving this pipeline's processes.
 */
export async function cpuSnapshot(pipeline, redis, pg = pipeline.pg) {
  const workerPids = [...new Set([pipeline.worker.pid, ...pipeline.workerPids()])];
  const workerTimes = workerPids.map(cpuTimesOf).filter(Boolean);
  const producer = pipeline.producer ? cpuTimesOf(pipeline.producer.pid) : null;
  const snapshot = {
    producer: producer ? producer.user + producer.sys : 0,
    producerSys: producer?.sys ?? 0,
    workers: workerTimes.reduce((sum, t) => sum + t.user + t.sys, 0),
    workersSys: workerTimes.reduce((sum, t) => sum + t.sys, 0),
    redis: await redisCpuSeconds(redis),
  };
  const server = pg ? pgServerCpu(pg) : null;
  if (server) {
    snapshot.postgres = server.total;
    snapshot.postgresSys = server.sys;
    const pids = [...workerPids, ...(pipeline.producer ? [pipeline.producer.pid] : [])];
    snapshot.pgBackends = await pipelineBackendCpu(pg, pids);
  }
  return snapshot;
}

/**
 * CPU ms per output file of each role between two snapshots (…Sys: the kernel-mode part).
 * postgres: the whole server; postgresPipeline: the backends serving this pipeline's
 * processes (a backend that started during the run counts from zero; one that ended during it
 * is missed, which the pools' 30 s idle timeout makes rare within a run).
 */
export function cpuPerFile(before, after, files) {
  const perFile = (seconds) => Math.round((seconds * 1000 * 100) / files) / 100;
  const delta = (role) => perFile(after[role] - before[role]);
  const out = { producer: delta('producer'), producerSys: delta('producerSys'), workers: delta('workers'), workersSys: delta('workersSys'), redis: delta('redis') };
  if (before.postgres !== undefined && after.postgres !== undefined) {
    out.postgres = delta('postgres');
    out.postgresSys = delta('postgresSys');
    let ours = 0;
    for (const [pid, seconds] of after.pgBackends) ours += seconds - (before.pgBackends.get(pid) ?? 0);
    out.postgresPipeline = perFile(ours);
  }
  return out;
}

/** Latency (ms) of each entry whose file is in drops; statuses counted. */
export function latencies(entries, drops) {
  const ms = [];
  const statuses = {};
  for (const e of entries) {
    const dropped = drops.get(e.fields.get('id'));
    if (dropped === undefined || e.fields.get('status') === 'updated') continue;
    ms.push(e.ms - dropped);
    const status = e.fields.get('status');
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms), count: ms.length, statuses };
}

/**
 * Samples the resident memory of the producer and the worker processes; peak = the
 * kernel's VmHWM of each. at(done) records the current RSS with a progress count.
 */
export function memorySampler(pipeline) {
  const peak = { producer: 0, worker: 0 };
  const samples = [];
  const enabled = hasProc();
  const read = () => {
    if (!enabled) return null;
    const producer = pipeline.producer ? memoryOf(pipeline.producer.pid) : null;
    const workers = pipeline.workerPids().map(memoryOf).filter(Boolean);
    if (producer) peak.producer = Math.max(peak.producer, producer.hwmMb);
    for (const w of workers) peak.worker = Math.max(peak.worker, w.hwmMb);
    return { producerMb: producer?.rssMb ?? NaN, workerMb: Math.max(...workers.map((w) => w.rssMb)) };
  };
  return {
    enabled,
    peak,
    samples,
    sample(done) {
      const now = read();
      if (now) samples.push({ done, ...now });
    },
    /** The sample nearest to the given share (0..1) of `total` outputs. */
    atShare(share, total) {
      const goal = share * total;
      return samples.reduce((best, s) => (best === null || Math.abs(s.done - goal) < Math.abs(best.done - goal) ? s : best), null);
    },
  };
}
