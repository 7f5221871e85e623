import { Redis } from 'ioredis';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEvictionPolicy } from '../src/redis/eviction-check.js';
import { freePort } from '../src/redis/free-port.js';
import { pingRedis } from '../src/redis/ping-redis.js';
import { resolveRedis, RedisUnavailableError, type ResolvedRedis } from '../src/redis/resolve-redis.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { captureLogger } from './helpers/capture-logger.js';
import { makeTempDir } from './helpers/temp-dir.js';

describe('Redis resolution', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const dataDir = async () => {
    const dir = await makeTempDir('redis');
    cleanups.push(dir.remove);
    return dir.path;
  };
  const track = (resolved: ResolvedRedis) => {
    cleanups.push(resolved.stop);
    return resolved;
  };

  it('uses REDIS_URL when set, without probing anything else', async () => {
    const { logger } = captureLogger();
    const config = loadConfig({ dataDir: await dataDir() }, { REDIS_URL: 'redis://example.invalid:6390' });
    const resolved = await resolveRedis(config, logger);
    expect(resolved).toMatchObject({ url: 'redis://example.invalid:6390', source: 'env' });
  });

  it('uses 127.0.0.1:6379 when it answers', async () => {
    const { logger } = captureLogger();
    const resolved = await resolveRedis(loadConfig({ dataDir: await dataDir() }, {}), logger);
    expect(resolved).toMatchObject({ url: 'redis://127.0.0.1:6379', source: 'local' });
  });

  it('starts a private append-only redis-server under <data>/redis when nothing answers, reuses it, and stops it', async () => {
    const { logger } = captureLogger();
    const data = await dataDir();
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const resolved = track(await resolveRedis(loadConfig({ dataDir: data }, {}), logger, { localUrl: nowhere }));
    expect(resolved.source).toBe('private');
    const client = new Redis(resolved.url);
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'dir')).toEqual(['dir', join(data, 'redis')]);
    } finally {
      client.disconnect();
    }
    // A second scour process on the same data folder (producer beside worker) shares it.
    const again = await resolveRedis(loadConfig({ dataDir: data }, {}), logger, { localUrl: nowhere });
    expect(again.url).toBe(resolved.url);
    await again.stop();
    expect(await pingRedis(resolved.url)).toBe(true);
    await resolved.stop();
    expect(await pingRedis(resolved.url)).toBe(false);
    expect(existsSync(join(data, 'redis', 'scour-redis.json'))).toBe(false);
  });

  it('without any Redis, fails with one message naming three ways to get one', async () => {
    const { logger } = captureLogger();
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const attempt = resolveRedis(loadConfig({ dataDir: await dataDir() }, {}), logger, { localUrl: nowhere });
      await expect(attempt).rejects.toThrow(RedisUnavailableError);
      await expect(attempt).rejects.toThrow(/apt-get install redis-server.*docker run.*REDIS_URL=/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('refuses a Redis that may evict jobs unless told to allow it, then warns', async () => {
    const { logger, lines } = captureLogger();
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const resolved = track(await resolveRedis(loadConfig({ dataDir: await dataDir() }, {}), logger, { localUrl: nowhere }));
    const client = new Redis(resolved.url);
    try {
      expect(await checkEvictionPolicy(client, logger, false)).toBe('noeviction');
      expect(lines.filter((line) => line.level === 40)).toHaveLength(0);
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const refused = await checkEvictionPolicy(client, logger, false).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(ConfigError);
      expect((refused as Error).message).toMatch(/allkeys-lru.*noeviction.*--allow-evicting-redis/);
      expect((refused as Error).message).not.toContain('\n');
      expect(await checkEvictionPolicy(client, logger, true)).toBe('allkeys-lru');
      expect(lines.some((line) => line.level === 40 && /noeviction/.test(String(line.msg)))).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});
