import { buildBcm } from './bcm.builder';
import { bcmChecksum } from './bcm.checksum';
import { bcmEtag, etagMatches, failureMessage, isIntact, isUnchangedRebuild, rebuildDay, rebuildDayEnds } from './bcm.policy';
import { sampleContext } from './bcm.test-data';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const build = (version: number, sourceContextVersion: number, generatedAt = NOW.toISOString(), context = sampleContext()) =>
  buildBcm(context, { version, sourceContextVersion, generatedAt });

describe('rebuildDay / rebuildDayEnds (IST)', () => {
  it.each([
    ['2026-03-10T18:29:59.999Z', '2026-03-10', '2026-03-10T18:30:00.000Z'],
    ['2026-03-10T18:30:00.000Z', '2026-03-11', '2026-03-11T18:30:00.000Z'],
    ['2026-03-10T00:00:00.000Z', '2026-03-10', '2026-03-10T18:30:00.000Z'],
    ['2026-12-31T20:00:00.000Z', '2027-01-01', '2027-01-01T18:30:00.000Z'],
  ])('%s is IST day %s, which ends at %s', (at, day, ends) => {
    expect(rebuildDay(new Date(at))).toBe(day);
    expect(rebuildDayEnds(new Date(at)).toISOString()).toBe(ends);
  });
});

describe('isUnchangedRebuild', () => {
  const latest = build(3, 2, '2026-03-01T00:00:00.000Z');

  it('is false without a latest manifest', () => {
    expect(isUnchangedRebuild(null, build(1, 2), NOW)).toBe(false);
  });

  it('is true for the same context built again (only version and generatedAt differ)', () => {
    expect(isUnchangedRebuild(latest, build(4, 2), NOW)).toBe(true);
  });

  it('is false when the source context version changed, even with identical answers', () => {
    expect(isUnchangedRebuild(latest, build(4, 3), NOW)).toBe(false);
  });

  it('is false when the content changed', () => {
    const context = sampleContext();
    context.company.companyName = 'Another Company';
    expect(isUnchangedRebuild(latest, build(4, 2, NOW.toISOString(), context), NOW)).toBe(false);
  });

  it('is false when the latest manifest is stale by age, so a rebuild renews it', () => {
    expect(isUnchangedRebuild(latest, build(4, 2), new Date('2026-04-05T00:00:00.000Z'))).toBe(false);
  });
});

describe('isIntact', () => {
  const manifest = build(1, 1);

  it('accepts a manifest whose checksum matches its content', () => {
    expect(isIntact(JSON.parse(JSON.stringify(manifest)))).toBe(true);
  });

  it.each([
    ['garbage', 'not a manifest'],
    ['null', null],
    ['an array', [manifest]],
    ['a changed field', { ...manifest, goals: { ...manifest.goals, target: manifest.goals.target + 1 } }],
    ['a changed version', { ...manifest, version: 2 }],
    ['no checksum', { ...manifest, checksum: undefined }],
  ])('rejects %s', (_, value) => {
    expect(isIntact(value)).toBe(false);
  });

  it('ignores generatedAt, which is not checksummed', () => {
    expect(isIntact({ ...manifest, generatedAt: '2020-01-01T00:00:00.000Z' })).toBe(true);
    expect(bcmChecksum(manifest)).toBe(manifest.checksum);
  });
});

describe('bcmEtag', () => {
  it.each([
    ['fresh', 'idle', '"abc"'],
    ['fresh', 'rebuilding', '"abc"'],
    ['fresh', 'failed', '"abc-fresh-failed"'],
    ['stale', 'idle', '"abc-stale"'],
    ['stale', 'failed', '"abc-stale-failed"'],
    ['rebuilding', 'idle', '"abc-rebuilding"'],
  ] as const)('%s/%s -> %s', (freshness, status, etag) => {
    expect(bcmEtag('abc', freshness, status)).toBe(etag);
  });

  it('changes once AI enrichment arrives, in every state', () => {
    expect(bcmEtag('abc', 'fresh', 'idle', 'ready')).toBe('"abc-ai"');
    expect(bcmEtag('abc', 'stale', 'failed', 'ready')).toBe('"abc-stale-failed-ai"');
    expect(bcmEtag('abc', 'fresh', 'idle', 'pending')).toBe('"abc-ai-pending"');
  });
});

describe('etagMatches', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abd"', false],
    ['abc', false],
  ])('If-None-Match %p -> %p', (header, expected) => {
    expect(etagMatches(header, '"abc"')).toBe(expected);
  });
});

describe('failureMessage', () => {
  it('uses the error message, bounded to 1000 characters', () => {
    expect(failureMessage(new Error('boom'))).toBe('boom');
    expect(failureMessage(new Error('x'.repeat(5000)))).toHaveLength(1000);
    expect(failureMessage('plain')).toBe('plain');
    expect(failureMessage(new Error('  '))).toBe('Rebuild failed');
  });
});
