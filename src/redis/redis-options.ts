import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connection options for every long-running scour process. `maxRetriesPerRequest: null`
 * is what BullMQ requires on worker (blocking) connections, and it is also what we want
 * elsewhere: while Redis restarts, commands wait for the reconnect instead of failing.
 */
export function longLivedOptions(connectionName: string): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    connectionName,
    // Reconnect quickly at first, then every 2 s at most: a restarted Redis is picked up fast.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}

/** A Redis client for scour's own commands (stats, record events, status). */
export function connectRedis(url: string, connectionName = 'scour'): Redis {
  return new Redis(url, longLivedOptions(connectionName));
}

/** BullMQ connection options (BullMQ creates and owns the clients). */
export function bullConnection(url: string, connectionName: string): BullRedisOptions {
  const { maxRetriesPerRequest, retryStrategy } = longLivedOptions(connectionName);
  return { url, connectionName, maxRetriesPerRequest, retryStrategy: retryStrategy as BullRedisOptions['retryStrategy'] };
}
