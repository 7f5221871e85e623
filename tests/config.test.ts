import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const fail = (flags: Record<string, unknown>, env: Record<string, string> = {}): string => {
  try {
    loadConfig(flags, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('gives the documented defaults with an empty environment', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ dataDir: './data', prefix: 'scour', port: 3000, host: '127.0.0.1', logLevel: 'info' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.workers).toBeGreaterThanOrEqual(1);
  });

  it('lets flags win over env vars and coerces numbers', () => {
    const config = loadConfig({ port: '8080' }, { SCOUR_PORT: '9000', SCOUR_WORKERS: '3', LOG_LEVEL: 'debug' });
    expect(config.port).toBe(8080);
    expect(config.workers).toBe(3);
    expect(config.logLevel).toBe('debug');
  });

  it('reports a bad env value as one line naming the env var', () => {
    const message = fail({}, { SCOUR_PORT: 'eighty' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^invalid setting SCOUR_PORT="eighty": /);
  });

  it('names the flag when the bad value came from a flag, one line per bad setting', () => {
    const message = fail({ workers: '0', referenceDate: '10/07/2021' });
    const lines = message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('invalid setting --workers="0"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('invalid setting --reference-date="10/07/2021"'))).toBe(true);
  });

  it('never prints a secret value', () => {
    const message = fail({}, { SCOUR_DASHBOARD_TOKEN: 'short-secret' });
    expect(message).toContain('SCOUR_DASHBOARD_TOKEN=(hidden)');
    expect(message).not.toContain('short-secret');
  });
});
