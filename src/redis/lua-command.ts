import type { Redis } from 'ioredis';

/** Keys then arguments, as a Lua script's KEYS and ARGV. */
export type LuaCall = (...keysThenArgs: Array<string | number>) => Promise<unknown>;

/**
 * A Lua script as a command of `redis`, defined on the client the first time it is asked
 * for (ioredis then sends EVALSHA, not the script text, and reloads it after a restart).
 */
export function luaCommand(redis: Redis, name: string, numberOfKeys: number, lua: string): LuaCall {
  const client = redis as Redis & Record<string, LuaCall | undefined>;
  if (typeof client[name] !== 'function') redis.defineCommand(name, { numberOfKeys, lua });
  return (...keysThenArgs) => (client[name] as LuaCall).apply(redis, keysThenArgs);
}
