import { PhonePeTokenCache } from './phonepe.token-cache';
import type { WireToken } from './phonepe.wire';

function setup(lifetimeSeconds: number) {
  let now = 1_000_000_000_000;
  let issued = 0;
  let failNext = false;
  const fetchToken = jest.fn(async (): Promise<WireToken> => {
    if (failNext) throw new Error('down');
    issued += 1;
    const issuedAt = Math.floor(now / 1000);
    return { access_token: `t${issued}`, issued_at: issuedAt, expires_at: issuedAt + lifetimeSeconds };
  });
  const cache = new PhonePeTokenCache(fetchToken, () => now);
  return {
    cache,
    fetchToken,
    advance: (ms: number) => (now += ms),
    failRefreshes: () => (failNext = true),
  };
}

describe('PhonePeTokenCache', () => {
  it('shares one token request between concurrent callers and reuses the token', async () => {
    const { cache, fetchToken } = setup(3600);
    const tokens = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(tokens).toEqual(['t1', 't1', 't1']);
    expect(await cache.get()).toBe('t1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes five minutes before expiry for long-lived tokens', async () => {
    const { cache, advance } = setup(3600);
    await cache.get();
    advance((3600 - 301) * 1000);
    expect(await cache.get()).toBe('t1');
    advance(2000);
    expect(await cache.get()).toBe('t2');
  });

  it('refreshes at the midpoint for short-lived tokens', async () => {
    const { cache, advance } = setup(60);
    await cache.get();
    advance(29_000);
    expect(await cache.get()).toBe('t1');
    advance(2_000);
    expect(await cache.get()).toBe('t2');
  });

  it('keeps a still-valid token when a refresh fails, and throws once it has expired', async () => {
    const { cache, advance, failRefreshes } = setup(60);
    await cache.get();
    failRefreshes();
    advance(40_000);
    expect(await cache.get()).toBe('t1');
    advance(30_000);
    await expect(cache.get()).rejects.toThrow('down');
  });

  it('replaces a rejected token once, even when several callers report it', async () => {
    const { cache, fetchToken } = setup(3600);
    await cache.get();
    const replaced = await Promise.all([cache.replace('t1'), cache.replace('t1')]);
    expect(replaced).toEqual(['t2', 't2']);
    expect(await cache.replace('t1')).toBe('t2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });
});
