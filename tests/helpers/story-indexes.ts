import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { RedisStoryIndex } from '../../src/stories/redis-index.js';
import { deleteKeys, TEST_REDIS_URL, testPrefix } from './redis-prefix.js';

/**
 * Redis stories indexes for one test file: one shared connection, and indexes opened under
 * fresh test prefixes that are closed, and their keys removed, after each test.
 */
export function useRedisStoryIndexes() {
  let connection: Redis | null = null;
  const prefixes: string[] = [];
  const indexes: RedisStoryIndex[] = [];
  beforeAll(() => {
    connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterEach(async () => {
    await Promise.all(indexes.splice(0).map((i) => i.close()));
    for (const prefix of prefixes.splice(0)) await deleteKeys(connection!, prefix);
  });
  afterAll(async () => {
    await connection?.quit();
  });
  const redis = (): Redis => {
    if (!connection) throw new Error('the Redis connection opens in beforeAll: use it inside a test');
    return connection;
  };
  /** A fresh key prefix, removed after the test. */
  const prefix = (): string => {
    const fresh = testPrefix();
    prefixes.push(fresh);
    return fresh;
  };
  return {
    redis,
    prefix,
    /** An index under `under` (a fresh prefix when none is given), closed after the test. */
    open(under: string = prefix(), windowSeconds?: number): RedisStoryIndex {
      if (!prefixes.includes(under)) prefixes.push(under);
      const index = new RedisStoryIndex(redis(), { prefix: under, windowSeconds });
      indexes.push(index);
      return index;
    },
  };
}
