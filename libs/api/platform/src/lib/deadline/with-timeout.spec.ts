import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('returns the result of work that finishes in time', async () => {
    await expect(withTimeout(1000, async () => 42)).resolves.toBe(42);
  });

  it('passes on the failure of work', async () => {
    await expect(withTimeout(1000, async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
  });

  it('rejects at the deadline and aborts the signal of work that never settles', async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    await expect(
      withTimeout(50, (s) => {
        signal = s;
        return new Promise<never>(() => undefined);
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(signal?.aborted).toBe(true);
  });
});
