import type { BcmFreshness } from '@raptorflow/contracts';
import { bcmFreshness } from './bcm.freshness';

const NOW = new Date('2026-02-01T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const builtDaysAgo = (days: number, sourceContextVersion = 3) => ({
  sourceContextVersion,
  generatedAt: new Date(NOW.getTime() - days * DAY).toISOString(),
});

describe('bcmFreshness', () => {
  it.each<[string, Parameters<typeof bcmFreshness>[0], BcmFreshness]>([
    ['built from the latest context today', { manifest: builtDaysAgo(0), latestContextVersion: 3, now: NOW, rebuilding: false }, 'fresh'],
    ['29.9 days old', { manifest: builtDaysAgo(29.9), latestContextVersion: 3, now: NOW, rebuilding: false }, 'fresh'],
    ['exactly 30 days old', { manifest: builtDaysAgo(30), latestContextVersion: 3, now: NOW, rebuilding: false }, 'stale'],
    ['45 days old', { manifest: builtDaysAgo(45), latestContextVersion: 3, now: NOW, rebuilding: false }, 'stale'],
    ['built from an older context', { manifest: builtDaysAgo(1, 2), latestContextVersion: 3, now: NOW, rebuilding: false }, 'stale'],
    ['an unreadable generatedAt', { manifest: { sourceContextVersion: 3, generatedAt: 'yesterday' }, latestContextVersion: 3, now: NOW, rebuilding: false }, 'stale'],
    ['no context version known', { manifest: builtDaysAgo(1), latestContextVersion: null, now: NOW, rebuilding: false }, 'fresh'],
    ['no manifest', { manifest: null, latestContextVersion: 3, now: NOW, rebuilding: false }, 'missing'],
    ['no manifest while the first build runs', { manifest: undefined, latestContextVersion: 1, now: NOW, rebuilding: true }, 'rebuilding'],
    ['a stale manifest being rebuilt', { manifest: builtDaysAgo(1, 2), latestContextVersion: 3, now: NOW, rebuilding: true }, 'rebuilding'],
  ])('%s', (_case, input, expected) => {
    expect(bcmFreshness(input)).toBe(expected);
  });
});
