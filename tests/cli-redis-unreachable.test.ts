import { describe, expect, it } from 'vitest';
import { freePort } from '../src/redis/free-port.js';
import { e2eScope } from './helpers/e2e-env.js';
import { spawnScour } from './helpers/scour-process.js';

/** REDIS_URL pointing at nothing: a starting command gives up after SCOUR_REDIS_WAIT_MS with one line. */
describe('a REDIS_URL where nothing answers (real processes)', () => {
  const scope = e2eScope();

  for (const command of [['status'], ['start', '--workers', '1']]) {
    it(`scour ${command[0]} gives up within the wait, printing one line without the password`, async () => {
      const env = await scope.open(`no-redis-${command[0]}`);
      const port = await freePort();
      const url = `redis://:hunter2secret@127.0.0.1:${port}`;
      const started = Date.now();
      const proc = env.track(spawnScour(command, { ...env.env, REDIS_URL: url, SCOUR_REDIS_WAIT_MS: '1500' }));
      const { code } = await proc.exited;
      expect(code).not.toBe(0);
      // Bounded: the wait, plus start-up; without the bound the process retried for ever.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(proc.stderr).toHaveLength(1);
      expect(proc.stderr[0]).toMatch(new RegExp(`^scour: cannot reach Redis at redis://127\\.0\\.0\\.1:${port} within 1\\.5 s`));
      expect(proc.stderr[0]).not.toContain('hunter2secret');
    }, 30_000);
  }
});
