import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, prettyTarget } from '../src/log.js';
import { REPO_ROOT } from './helpers/ensure-dist.js';

describe('logger', () => {
  it('pino-pretty is optional: not a production dependency', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(pkg.dependencies?.['pino-pretty']).toBeUndefined();
    expect(pkg.optionalDependencies?.['pino-pretty']).toBeDefined();
  });

  it('on a terminal without pino-pretty installed, logs plain JSON instead of failing', () => {
    const missing = (id: string): string => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(prettyTarget(missing)).toBeNull();
    expect(prettyTarget()).toMatch(/pino-pretty/);
    const logger = createLogger('silent', 'test', { tty: true, pretty: prettyTarget(missing) });
    expect(() => logger.info('still logs')).not.toThrow();
  });
});
