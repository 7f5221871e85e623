import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CleanRecord } from '../src/schemas/index.js';
import { openE2e, type E2eEnv } from './helpers/e2e-env.js';
import { generatedInput, sha256 } from './helpers/generate-inputs.js';
import { compareOutputs, outputCount, outputIds, repeatedIds } from './helpers/output-check.js';
import { runScour, spawnScour } from './helpers/scour-process.js';
import { waitFor } from './helpers/wait-for.js';
import { copySeeds, SEED_NAMES } from './helpers/seeds.js';


/**
 * Drops everything that depends on when a file was received or processed, and on the order
 * the records met their story (its id is its first record's: the pipeline's arrival order, not
 * the CLI's name order); the stories themselves are compared as groups.
 */
const withoutTimestamps = (record: CleanRecord) => ({
  ...record,
  source: { ...record.source, receivedAt: null },
  pipeline: { ...record.pipeline, processedAt: null },
  story: null,
});

/** The stories as groups of record ids, whatever each story's id. */
const storyGroups = (records: readonly CleanRecord[]): string[][] => {
  const groups = new Map<string, string[]>();
  for (const r of records) groups.set(r.story!.id, [...(groups.get(r.story!.id) ?? []), r.id].sort());
  return [...groups.values()].sort((a, b) => a[0]!.localeCompare(b[0]!));
};

describe('pipeline end to end (real processes, real Redis)', () => {
  let e2e: E2eEnv | null = null;
  afterEach(async () => {
    await e2e?.close();
    e2e = null;
  });

  it('scour start: the five seeds dropped in the inbox become five records identical to `scour clean` output; status; graceful stop', async () => {
    e2e = await openE2e('seeds');
    const env = e2e;
    const started = Date.now();
    const scour = env.track(spawnScour(['start', '--workers', '1'], env.env));
    await scour.waitForLog(/scour is running/);
    const seeds = [...SEED_NAMES];
    // A folder of the seeds beside the inbox: the offline CLI below cleans the same files from it.
    const seedDir = copySeeds(join(env.dataDir, 'seeds'));
    for (const name of seeds) await writeFile(join(env.inbox, name), readFileSync(join(seedDir, name)));
    await waitFor(async () => (await outputCount(env.out)) === seeds.length, 30_000, 'five outputs');
    const elapsed = Date.now() - started;

    // The offline CLI on the same files: the pipeline must produce exactly its records.
    const offline = await runScour(['clean', seedDir], env.env);
    expect(offline.code).toBe(0);
    const expectedRecords = offline.stdout.split('\n').filter(Boolean).map((line) => CleanRecord.parse(JSON.parse(line)));
    expect(expectedRecords.map((r) => r.source.name).sort()).toEqual(seeds);
    const storedRecords: CleanRecord[] = [];
    for (const expectedRecord of expectedRecords) {
      const stored = CleanRecord.parse(JSON.parse(await readFile(join(env.out, 'records', `${expectedRecord.id}.json`), 'utf8')));
      expect(withoutTimestamps(stored), expectedRecord.source.name).toEqual(withoutTimestamps(expectedRecord));
      storedRecords.push(stored);
    }
    expect(storyGroups(storedRecords)).toEqual(storyGroups(expectedRecords));
    expect(storyGroups(storedRecords)).toHaveLength(3);
    expect(await env.inboxFiles()).toEqual([]);
    const events = await env.events();
    // Plus an `updated` event for 002 or 004 if it was written before 003 lent it a date.
    expect(events.filter((e) => e.status !== 'updated').map((e) => e.status)).toEqual(Array(5).fill('record'));

    const status = await runScour(['status', '--json'], env.env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ store: { records: 5, rejected: 0 }, jobs: { completed: 5, failed: 0 }, counters: { files_ingested: 5 } });

    scour.kill('SIGTERM');
    expect(await scour.exited).toEqual({ code: 0, signal: null });
    console.info(`[pipeline-e2e] seeds: 5 records in ${elapsed} ms from start`);
  });

  it('1,000 files dropped while running (plain, slow in chunks, renamed in) → exactly 1,000 outputs, each once', async () => {
    e2e = await openE2e('thousand');
    const env = e2e;
    const producer = env.track(spawnScour(['producer'], env.env));
    const workers = env.track(spawnScour(['worker', '--workers', '2', '--concurrency', '2'], env.env));
    await producer.waitForLog(/watching the inbox/);
    await workers.waitForLog(/started worker processes/);
    const started = Date.now();
    const expected = new Set<string>();
    const slowWrites: Array<Promise<void>> = [];
    await mkdir(join(env.inbox, 'batch', 'deep'), { recursive: true });
    for (let i = 0; i < 1000; i += 1) {
      const content = generatedInput(i);
      expected.add(sha256(content));
      const folder = i % 3 === 0 ? join(env.inbox, 'batch', 'deep') : env.inbox;
      if (i % 10 === 1) {
        // Written slowly: three chunks, 100 ms apart (less than the 200 ms stability wait).
        slowWrites.push(
          (async () => {
            const handle = await open(join(folder, `slow-${i}.txt`), 'w');
            const third = Math.ceil(content.length / 3);
            for (let c = 0; c < 3; c += 1) {
              await handle.write(content.slice(c * third, (c + 1) * third));
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            await handle.close();
          })(),
        );
      } else if (i % 10 === 2) {
        // Written under a temp name, then renamed into place (what careful writers do).
        await writeFile(join(folder, `renamed-${i}.txt.part`), content);
        await rename(join(folder, `renamed-${i}.txt.part`), join(folder, `renamed-${i}.txt`));
      } else {
        await writeFile(join(folder, `file-${i}.txt`), content);
      }
    }
    await Promise.all(slowWrites);
    const dropped = Date.now() - started;
    await waitFor(async () => (await outputCount(env.out)) >= 1000, 120_000, '1,000 outputs', 250);
    const elapsed = Date.now() - started;
    await waitFor(async () => (await env.inboxFiles()).length === 0, 10_000, 'empty inbox');

    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    const events = await env.events();
    expect(repeatedIds(events)).toEqual([]);
    expect(events).toHaveLength(1000);
    const { records, rejected } = await outputIds(env.out);
    console.info(`[pipeline-e2e] 1,000 files: dropped in ${dropped} ms, all stored after ${elapsed} ms (${records.size} records, ${rejected.size} rejected)`);
  });

  it('empty, binary, 50 MB, windows-1252 and truncated HTML inputs → one outcome each; the worker stays up', async () => {
    e2e = await openE2e('odd');
    const env = e2e;
    const dir = join(env.dataDir, 'odd');
    await mkdir(dir);
    const win1252 = Buffer.concat([
      Buffer.from('date 2021-07-14\n\nCaf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(' owners in Montr', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('al say ', 'latin1'),
      Buffer.from([0x93]),
      Buffer.from('business is back', 'latin1'),
      Buffer.from([0x94]),
      Buffer.from(' after a hard year. '.repeat(3) + '\n\nThe na' , 'latin1'),
      Buffer.from([0xef]),
      Buffer.from('ve hope of the season is that tourists return to the old port and its cafes and shops. '.repeat(4), 'latin1'),
    ]);
    const html = `<!doctype html><html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1>${'<p>The storm brought heavy rain and strong winds to the coastal towns overnight, officials said on Tuesday. '.repeat(12)}</p><p>Residents were told to stay ind`;
    const inputs: Record<string, Buffer> = {
      'empty.txt': Buffer.alloc(0),
      'binary.bin': randomBytes(64 * 1024),
      'huge.txt': Buffer.alloc(50 * 1024 * 1024, 'All work and no play makes a long file. '),
      'windows-1252.txt': win1252,
      'truncated.html': Buffer.from(html),
    };
    for (const [name, bytes] of Object.entries(inputs)) await writeFile(join(dir, name), bytes);
    const worker = env.track(spawnScour(['worker', '--workers', '1'], env.env));
    await worker.waitForLog(/worker ready/);
    const started = Date.now();
    const added = await spawnScour(['add', dir], env.env).exited;
    expect(added.code).toBe(0);
    const expected = new Set(Object.values(inputs).map((bytes) => sha256(bytes)));
    await waitFor(async () => (await outputCount(env.out)) === expected.size, 60_000, 'five outcomes', 200);
    const elapsed = Date.now() - started;
    const { missing, unexpected, both } = await compareOutputs(env.out, expected);
    expect({ missing, unexpected, both }).toEqual({ missing: [], unexpected: [], both: [] });
    const { records, rejected } = await outputIds(env.out);
    const outcome = (name: string) => (records.has(sha256(inputs[name]!)) ? 'record' : 'rejected');
    expect(outcome('empty.txt')).toBe('rejected');
    expect(outcome('binary.bin')).toBe('rejected');
    expect(outcome('huge.txt')).toBe('rejected');
    const huge = JSON.parse(await readFile(join(env.out, 'rejected', `${sha256(inputs['huge.txt']!)}.json`), 'utf8')) as { reason: string };
    expect(huge.reason).toBe('too-large');
    for (const name of ['windows-1252.txt', 'truncated.html']) {
      if (outcome(name) !== 'record') continue;
      const record = JSON.parse(await readFile(join(env.out, 'records', `${sha256(inputs[name]!)}.json`), 'utf8')) as { body: string };
      expect(record.body, name).not.toContain('\uFFFD');
      if (name === 'windows-1252.txt') expect(record.body).toContain('Café');
    }
    // Still the same worker process, and it still takes jobs.
    expect(worker.child.exitCode).toBeNull();
    await writeFile(join(dir, 'after.txt'), generatedInput(1));
    expect((await spawnScour(['add', join(dir, 'after.txt')], env.env).exited).code).toBe(0);
    await waitFor(async () => (await outputCount(env.out)) === expected.size + 1, 20_000, 'one more outcome');
    console.info(`[pipeline-e2e] odd inputs: ${records.size} records, ${rejected.size} rejected in ${elapsed} ms`);
  });
});
