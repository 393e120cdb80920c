// The one deadline helper for outbound calls that take no timeout option of their own (BullMQ, probes, AI calls):
// Redis commands, Postgres statements and fetches carry their own (RedisService, Database, AbortSignal.timeout).
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Timed out after ${ms} ms`);
  }
}

/**
 * Settles with `work`'s result or rejects with TimeoutError after `ms`, whichever comes first. The signal passed
 * to `work` aborts at the deadline so well-behaved work stops too; the caller never waits longer than `ms`.
 */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
