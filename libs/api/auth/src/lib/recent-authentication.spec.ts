import { isRecentlyAuthenticated, lastAuthenticatedAt } from './recent-authentication';

describe('recent authentication', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const at = (secondsAgo: number) => Math.floor(now.getTime() / 1000) - secondsAgo;

  it.each([
    [[{ method: 'password', timestamp: at(60) }], true],
    [[{ method: 'password', timestamp: at(300) }], true],
    [[{ method: 'password', timestamp: at(301) }], false],
    [[{ method: 'password', timestamp: at(3600) }, { method: 'otp', timestamp: at(10) }], true],
    [[], false],
    [undefined, false],
    [[{ method: 'password', timestamp: 'yesterday' }], false],
  ])('amr %j counts as recent: %s', (amr, recent) => {
    expect(isRecentlyAuthenticated({ sub: 'u', amr }, now)).toBe(recent);
  });

  it('takes the newest method', () => {
    expect(lastAuthenticatedAt({ sub: 'u', amr: [{ timestamp: at(50) }, { timestamp: at(5) }] })?.toISOString()).toBe('2026-12-01T09:59:55.000Z');
  });
});
