import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/redis/free-port.js';
import { e2eScope } from './helpers/e2e-env.js';
import { REPO_ROOT } from './helpers/ensure-dist.js';
import { TEST_REDIS_URL } from './helpers/redis-prefix.js';
import { spawnScour } from './helpers/scour-process.js';

/** docker-compose.yml and the Dockerfile, read as text (no Docker needed), and the image's health check. */
const compose = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const withoutComments = (text: string) => text.replace(/#.*$/gm, '');

const healthcheck = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'scour.js'), 'healthcheck', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });

describe('docker files', () => {
  it('no required variable: a missing token must not stop every compose command (ps, logs, down)', () => {
    expect(withoutComments(compose)).not.toMatch(/\$\{[A-Z_]+:\?/);
    expect(withoutComments(compose)).toMatch(/SCOUR_DASHBOARD_TOKEN: \$\{SCOUR_DASHBOARD_TOKEN:-\}/);
  });

  it('the inbox is a folder on the host, not a volume only `docker compose cp` reaches', () => {
    expect(withoutComments(compose)).toMatch(/- \$\{SCOUR_INBOX:-\.\/data\/inbox\}:\/data\/inbox/);
    expect(withoutComments(compose)).not.toMatch(/^\s+inbox:\s*$/m);
  });

  it('the image has a HEALTHCHECK for every role', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "bin\/scour\.js", "healthcheck"\]$/m);
  });
});

describe('scour healthcheck (real processes)', () => {
  const scope = e2eScope();

  it('a worker or producer is healthy while its Redis answers', async () => {
    const ok = healthcheck(['--role', 'worker'], { REDIS_URL: TEST_REDIS_URL });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('worker: Redis answers\n');
    const down = healthcheck(['--role', 'producer'], { REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(down.status).toBe(1);
  });

  it('a dashboard is healthy while its /healthz answers', async () => {
    const env = await scope.open('healthcheck');
    const port = await freePort();
    expect(healthcheck(['--role', 'dashboard'], { SCOUR_PORT: String(port) }).status).toBe(1);
    const dashboard = env.track(spawnScour(['dashboard'], { ...env.env, SCOUR_PORT: String(port) }));
    await dashboard.waitForLog(/scour dashboard: http/, 20_000);
    const ok = healthcheck(['--role', 'dashboard'], { SCOUR_PORT: String(port) });
    expect(ok.stdout).toBe(`dashboard: http://127.0.0.1:${port}/healthz answers\n`);
    expect(ok.status).toBe(0);
  });
});
