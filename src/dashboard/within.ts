/**
 * Routes that need Redis must answer even while it is away: an ioredis client configured to
 * wait for reconnects (maxRetriesPerRequest: null) would otherwise hold the request forever.
 */
export const TIMED_OUT = Symbol('timed out');

/** Resolves to the work's result, or TIMED_OUT once `ms` have passed. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
