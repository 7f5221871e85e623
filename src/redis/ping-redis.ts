import { Redis } from 'ioredis';

/** True when a Redis answers PING at url within timeoutMs; never throws, never retries. */
export async function pingRedis(url: string, timeoutMs = 500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs * 2).unref());
  try {
    const answer = Promise.resolve()
      .then(() => client.connect())
      .then(() => client.ping())
      .then((reply) => reply === 'PONG')
      .catch(() => false);
    return await Promise.race([answer, timer]);
  } finally {
    client.disconnect();
  }
}
