import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStats } from '../src/metrics/pipeline-stats.js';
import { BackPressureGate } from '../src/producers/back-pressure.js';
import { InboxWatcher } from '../src/producers/inbox-watcher.js';
import { ingestFile, type IngestContext } from '../src/producers/ingest-file.js';
import { NotRegularFileError, openInputFile } from '../src/producers/open-input-file.js';
import { RejectionRecord } from '../src/schemas/index.js';
import { openHarness, type PipelineHarness } from './helpers/pipeline-harness.js';
import { makeTempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * An outside torture run found that a symbolic link dropped in the inbox made the target's
 * bytes (/etc/passwd, a mode-600 file, /proc/self/status) into a record served by the API.
 * Nothing behind a link, and nothing whose real path is outside the inbox, may be read.
 */
describe('inbox entries that are not regular files inside the inbox (real Redis, real files)', () => {
  let h: PipelineHarness;
  let ctx: IngestContext;
  let outside: Awaited<ReturnType<typeof makeTempDir>>;
  let watcher: InboxWatcher | null = null;
  const SECRET = 'top secret bytes that live outside the inbox';

  beforeEach(async () => {
    h = await openHarness();
    ctx = { raw: h.raw, output: h.output, queue: h.queue, redis: h.redis, prefix: h.prefix, logger: h.logger, rawRetentionMs: 0 };
    outside = await makeTempDir('outside');
    await writeFile(join(outside.path, 'secret.txt'), SECRET);
    await chmod(join(outside.path, 'secret.txt'), 0o600);
  });
  afterEach(async () => {
    await watcher?.close();
    watcher = null;
    await h.close();
    await outside.remove();
  });

  /** Every byte the pipeline stored anywhere (raw store and outputs), as one string. */
  const everythingStored = async (): Promise<string> => {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) out.push(await readFile(path, 'utf8'));
      }
    };
    await walk(join(h.dataDir, 'raw'));
    await walk(join(h.dataDir, 'out'));
    return out.join('\n');
  };

  const rejectionOf = async (id: string | undefined) => RejectionRecord.parse(await h.output.read('rejected', id ?? ''));

  it('links to /etc/passwd, to a mode-600 file and to /proc/self/status are refused, recorded once, and left in place', async () => {
    const targets = { 'passwd.txt': '/etc/passwd', 'secret.txt': join(outside.path, 'secret.txt'), 'status.txt': '/proc/self/status' };
    for (const [name, target] of Object.entries(targets)) {
      const link = join(h.inbox, name);
      await symlink(target, link);
      const outcome = await ingestFile(link, name, ctx, { removeSource: true, within: h.inbox });
      expect(outcome.status, name).toBe('refused');
      const rejection = await rejectionOf(outcome.key);
      expect(rejection).toMatchObject({ reason: 'not-a-regular-file', source: { name, bytes: 0 } });
      expect(rejection.detail).toContain('symbolic link');
      expect(lstatSync(link).isSymbolicLink(), `${name} is left alone`).toBe(true);
    }
    const stored = await everythingStored();
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('root:x:0:0');
    expect(await h.queue.count()).toBe(0);

    // Met again by the next scan: nothing more written or counted.
    const again = await ingestFile(join(h.inbox, 'passwd.txt'), 'passwd.txt', ctx, { removeSource: true, within: h.inbox });
    expect(again.status).toBe('refused');
    const stats = await readStats(h.redis, h.prefix);
    expect(stats.rejections).toEqual({ 'not-a-regular-file': 3 });
    expect((await h.events()).map((e) => e.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('a file reached through a subfolder that is a link out of the inbox is refused: the real path is checked on the open descriptor', async () => {
    await symlink(outside.path, join(h.inbox, 'sub'));
    const path = join(h.inbox, 'sub', 'secret.txt');
    expect(() => openInputFile(path, h.inbox)).toThrow(NotRegularFileError);
    const outcome = await ingestFile(path, 'sub/secret.txt', ctx, { removeSource: true, within: h.inbox });
    expect(outcome.status).toBe('refused');
    expect((await rejectionOf(outcome.key)).detail).toContain('outside the inbox');
    expect(await readFile(join(outside.path, 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(await everythingStored()).not.toContain(SECRET);
  });

  it('a real subfolder swapped for a link after the scan saw it is still caught', async () => {
    await mkdir(join(h.inbox, 'sub'));
    await writeFile(join(h.inbox, 'sub', 'secret.txt'), 'an honest file');
    await rename(join(h.inbox, 'sub'), join(h.inbox, '.sub-away'));
    await symlink(outside.path, join(h.inbox, 'sub'));
    const outcome = await ingestFile(join(h.inbox, 'sub', 'secret.txt'), 'sub/secret.txt', ctx, { removeSource: true, within: h.inbox });
    expect(outcome.status).toBe('refused');
    expect(await everythingStored()).not.toContain(SECRET);
  });

  it('a FIFO is refused at once instead of blocking the producer', async () => {
    const fifo = join(h.inbox, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const outcome = await ingestFile(fifo, 'pipe.txt', ctx, { removeSource: true, within: h.inbox });
    expect(outcome.status).toBe('refused');
    expect((await rejectionOf(outcome.key)).detail).toContain('FIFO');
    expect(existsSync(fifo)).toBe(true);
  });

  it('watcher: a link dropped in the inbox ends as a rejection beside the real files, never as a record', async () => {
    watcher = new InboxWatcher({
      inbox: h.inbox,
      stableMs: 50,
      gate: new BackPressureGate(() => h.queue.getWaitingCount(), 1000),
      logger: h.logger,
      ingest: (path, name) => ingestFile(path, name, ctx, { removeSource: true, within: h.inbox }),
    });
    await watcher.start();
    await symlink(join(outside.path, 'secret.txt'), join(h.inbox, 'leak.txt'));
    await symlink('/etc', join(h.inbox, 'etc-folder'));
    await writeFile(join(h.inbox, 'real.txt'), 'a real article dropped beside the links');
    await waitFor(async () => (await h.events()).length === 2 && (await h.queue.count()) === 1, 10_000, 'two refusals and one job');
    expect(await h.output.count('rejected')).toBe(2);
    expect(await h.output.count('records')).toBe(0);
    expect(await everythingStored()).not.toContain(SECRET);
    expect(lstatSync(join(h.inbox, 'leak.txt')).isSymbolicLink()).toBe(true);
  });
});
