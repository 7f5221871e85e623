import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportEntries, parseSince } from '../src/cli/commands/export.js';
import { ConfigError } from '../src/config.js';
import { FsOutputStore } from '../src/stores/fs/fs-output-store.js';
import { sampleRecord, sampleRejection } from './helpers/sample-entries.js';
import { makeTempDir } from './helpers/temp-dir.js';

/** A sink that takes one line at a time, slowly, so the export must wait for it (backpressure). */
function slowSink(): { sink: Writable; lines: string[]; waits: () => number } {
  const lines: string[] = [];
  let waits = 0;
  const sink = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      setTimeout(done, 1);
    },
  });
  sink.on('drain', () => (waits += 1));
  return { sink, lines, waits: () => waits };
}

describe('scour export (NDJSON of the output store)', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let store: FsOutputStore;
  beforeEach(async () => {
    dir = await makeTempDir('export');
    store = new FsOutputStore(dir.path);
  });
  afterEach(async () => {
    await store.close();
    await dir.remove();
  });

  it('writes each stored JSON on a line, oldest written first, waiting for a slow reader', async () => {
    const records = Array.from({ length: 510 }, (_, i) => sampleRecord(`r${i}`, `Body ${i}.`));
    for (const record of records) await store.writeRecord(record);
    await store.writeRejection(sampleRejection('no'));
    const { sink, lines, waits } = slowSink();
    const result = await exportEntries(store, sink, { status: 'record' });
    expect(result.written).toBe(510);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(records);
    expect(waits()).toBeGreaterThan(0);
    expect(result.last).toMatch(/^\d+\.[0-9a-f]{64}$/);
  });

  it('--status picks rejections or failures; --since resumes after a cursor or from a day', async () => {
    await store.writeRecord(sampleRecord('a'));
    await store.writeRejection(sampleRejection('b', 'no-article'));
    await store.writeRejection(sampleRejection('c', 'failed'));
    const run = async (options: Parameters<typeof exportEntries>[2]) => {
      const { sink, lines } = slowSink();
      const result = await exportEntries(store, sink, options);
      return { names: lines.map((line) => (JSON.parse(line) as { source: { name: string } }).source.name), last: result.last };
    };
    expect((await run({ status: 'rejected' })).names).toEqual(['b.txt']);
    expect((await run({ status: 'failed' })).names).toEqual(['c.txt']);
    const first = await run({ status: 'all' });
    expect(first.names).toEqual(['a.txt', 'b.txt', 'c.txt']);
    await store.writeRecord(sampleRecord('d'));
    expect((await run({ status: 'all', since: parseSince(first.last!) })).names).toEqual(['d.txt']);
    expect((await run({ status: 'all', since: parseSince('2999-01-01') })).names).toEqual([]);
    expect((await run({ status: 'record', since: parseSince(new Date(Date.now() - 60_000).toISOString()) })).names).toEqual(['a.txt', 'd.txt']);
  });

  it('refuses a --since that is neither a day, a time nor a cursor', () => {
    for (const bad of ['yesterday', '2021-02-30', '1700000000000-0', '']) expect(() => parseSince(bad), bad).toThrow(ConfigError);
  });
});
