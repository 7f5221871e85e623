import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ListResponseSchema } from '../src/dashboard/api-schemas.js';
import { sha256Hex } from '../src/ids.js';
import { CleanRecord } from '../src/schemas/index.js';
import { e2eScope } from './helpers/e2e-env.js';
import { outputCount } from './helpers/output-check.js';
import { runScour, spawnScour } from './helpers/scour-process.js';
import { SEEDS } from './helpers/seeds.js';
import { waitFor } from './helpers/wait-for.js';

/**
 * Issue 17's check, on the real pipeline: `scour start` on the five seeds, then the read API's
 * day filter, its strictness, its OpenAPI document, `scour export`, the kept sources and /records.
 */
describe('query API and export on the five seeds (real processes, real Redis)', () => {
  const scope = e2eScope();

  it('?from=2021-07-01&to=2021-07-31 lists 001 and 003 but not 000; ?bogus=1 is a 400; /api/openapi.json; scour export', async () => {
    const env = await scope.open('query-seeds');
    const scour = env.track(spawnScour(['start', '--workers', '1'], env.env));
    const running = await scour.waitForLog(/scour is running/);
    const base = (JSON.parse(running) as { dashboard: string }).dashboard;
    for (const seed of SEEDS) await writeFile(`${env.inbox}/${seed.name}`, readFileSync(seed.path));
    await waitFor(async () => (await outputCount(env.out)) === SEEDS.length, 30_000, 'five outputs');

    const july = ListResponseSchema.parse(await (await fetch(`${base}/api/records?from=2021-07-01&to=2021-07-31`)).json());
    const names = july.items.map((item) => item.summary?.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^001_/), expect.stringMatching(/^003_/)]));
    expect(names.some((name) => name?.startsWith('000_'))).toBe(false);
    for (const item of july.items) expect(item.summary?.date?.slice(0, 7)).toBe('2021-07');

    const bogus = await fetch(`${base}/api/records?bogus=1`);
    expect(bogus.status).toBe(400);
    expect(((await bogus.json()) as { message: string }).message).toContain('bogus');

    const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/records', '/api/records/counts', '/api/events']));

    const exported = await runScour(['export'], { ...env.env, SCOUR_LOG_LEVEL: 'warn' });
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout.split('\n').filter(Boolean);
    expect(lines.map((line) => CleanRecord.parse(JSON.parse(line)).source.name).sort()).toEqual(SEEDS.map((seed) => seed.name).sort());
    // Not a terminal: nothing but the records, and no progress on stderr.
    expect(exported.stderr).toBe('');

    // Raw bytes are kept after their record (SCOUR_RAW_RETENTION, default 7 days): each seed's
    // source comes back byte for byte, and the console's list page is served beside the API.
    for (const seed of SEEDS) {
      const bytes = readFileSync(seed.path);
      const source = await fetch(`${base}/api/records/${sha256Hex(bytes)}/source`);
      expect(source.status, seed.name).toBe(200);
      expect(Buffer.from(await source.arrayBuffer()).equals(bytes), seed.name).toBe(true);
    }
    const console = await fetch(`${base}/records`);
    expect(console.status).toBe(200);
    expect(console.headers.get('content-type')).toMatch(/^text\/html/);

    scour.kill('SIGTERM');
    expect(await scour.exited).toEqual({ code: 0, signal: null });
  });
});
