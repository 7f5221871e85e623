import { describe, expect, it } from 'vitest';
import { cleanBudgetMs, ConfigError, loadConfig } from '../src/config.js';

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

  it('keeps the clean() budget below the job lock: half of it by default, one line when set above it', () => {
    expect(cleanBudgetMs(loadConfig({}, {}))).toBe(15_000);
    expect(cleanBudgetMs(loadConfig({}, { SCOUR_LOCK_MS: '8000' }))).toBe(4000);
    expect(cleanBudgetMs(loadConfig({}, { SCOUR_CLEAN_BUDGET_MS: '20000' }))).toBe(20_000);
    const message = fail({}, { SCOUR_CLEAN_BUDGET_MS: '30000' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^invalid setting SCOUR_CLEAN_BUDGET_MS="30000": must be below SCOUR_LOCK_MS/);
    expect(fail({}, { SCOUR_CLEAN_HEAP_MB: '16' })).toMatch(/^invalid setting SCOUR_CLEAN_HEAP_MB="16": /);
  });

  it('reads SCOUR_STORY_WINDOW as a duration of at least a minute (default 30 days), one line when bad', () => {
    expect(loadConfig({}, {}).storyWindowMs).toBe(30 * 86_400_000);
    expect(loadConfig({}, { SCOUR_STORY_WINDOW: '7d' }).storyWindowMs).toBe(7 * 86_400_000);
    expect(loadConfig({}, { SCOUR_STORY_WINDOW: '12h' }).storyWindowMs).toBe(12 * 3_600_000);
    for (const bad of ['soon', '0', '30x', '59s']) {
      const message = fail({}, { SCOUR_STORY_WINDOW: bad });
      expect(message).toMatch(/^invalid setting SCOUR_STORY_WINDOW=/);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('takes a reference date only when it names a real day', () => {
    expect(loadConfig({ referenceDate: '2024-02-29' }, {}).referenceDate).toBe('2024-02-29');
    for (const day of ['2021-13-40', '2021-02-30', '2023-02-29', '2021-00-10']) {
      expect(fail({ referenceDate: day })).toMatch(new RegExp(`^invalid setting --reference-date="${day}": not a real day`));
    }
    expect(fail({}, { SCOUR_REFERENCE_DATE: '2021-13-40' })).toMatch(/^invalid setting SCOUR_REFERENCE_DATE="2021-13-40": /);
  });

  it('reads the raw retention as a duration: 7 days by default, 0 to delete at once, one line when unparsable', () => {
    expect(loadConfig({}, {}).rawRetentionMs).toBe(7 * 86_400_000);
    expect(loadConfig({}, { SCOUR_RAW_RETENTION: '0' }).rawRetentionMs).toBe(0);
    expect(loadConfig({}, { SCOUR_RAW_RETENTION: '36h' }).rawRetentionMs).toBe(36 * 3_600_000);
    expect(loadConfig({ rawRetentionMs: '90s' }, {}).rawRetentionMs).toBe(90_000);
    expect(fail({}, { SCOUR_RAW_RETENTION: '7' })).toMatch(/^invalid setting SCOUR_RAW_RETENTION="7": a duration/);
    expect(fail({}, { SCOUR_RAW_RETENTION: '-1d' }).split('\n')).toHaveLength(1);
  });

  it('never prints a secret value', () => {
    const message = fail({}, { SCOUR_DASHBOARD_TOKEN: 'short-secret' });
    expect(message).toContain('SCOUR_DASHBOARD_TOKEN=(hidden)');
    expect(message).not.toContain('short-secret');
  });
});
