import type { BusinessContextData } from '@raptorflow/contracts';
import { buildBcm } from './bcm.builder';
import { bcmChecksum, canonicalJson } from './bcm.checksum';
import { SAMPLE_CHECKSUM, STAMP, sampleContext } from './bcm.test-data';

// Rebuilds every object with its keys in reverse order.
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reverseKeys(item)])) as T;
  }
  return value;
}

describe('canonicalJson', () => {
  it.each([
    ['sorts keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ['sorts nested keys, keeps array order', { z: [{ y: 1, x: 2 }, 3], a: { d: null, c: true } }, '{"a":{"c":true,"d":null},"z":[{"x":2,"y":1},3]}'],
    ['omits undefined properties', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['keeps scalars', 'text', '"text"'],
  ])('%s', (_case, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('bcmChecksum', () => {
  const base = buildBcm(sampleContext(), STAMP);

  it('is the SHA-256 hex of the canonical JSON without checksum and generatedAt', () => {
    // printf '{"a":"x","b":1}' | sha256sum
    expect(bcmChecksum({ b: 1, a: 'x', generatedAt: 'any', checksum: 'any' } as unknown as Parameters<typeof bcmChecksum>[0])).toBe('cdab067e9f3beb32d1252cfd63e492592fecbf591b0d08cadb24bb17f3864246');
    expect(base.checksum).toBe(SAMPLE_CHECKSUM);
    expect(bcmChecksum(base)).toBe(base.checksum);
  });

  it.each([
    ['keys in another order', () => buildBcm(reverseKeys(sampleContext()), STAMP)],
    ['another generatedAt', () => buildBcm(sampleContext(), { ...STAMP, generatedAt: '2030-01-01T00:00:00.000Z' })],
    ['the manifest keys reversed', () => reverseKeys(base)],
  ])('does not change with %s', (_case, build) => {
    expect(bcmChecksum(build())).toBe(base.checksum);
  });

  it.each([
    ['company name', (c: BusinessContextData) => (c.company.companyName = 'Ledgerly Labs')],
    ['a pain', (c: BusinessContextData) => (c.icp_pains.pains[2] = 'Fears audits')],
    ['a channel rating', (c: BusinessContextData) => (c.channels.channelsInUse[0].rating = 5)],
    ['list order', (c: BusinessContextData) => c.outcomes.outcomes.reverse()],
    ['a baseline metric', (c: BusinessContextData) => (c.metrics = { ...c.metrics, mrrInr: 1 })],
  ])('changes when the %s changes', (_case, change) => {
    const context = sampleContext();
    change(context);
    expect(buildBcm(context, STAMP).checksum).not.toBe(base.checksum);
  });

  it.each([
    ['version', { ...STAMP, version: 5 }],
    ['sourceContextVersion', { ...STAMP, sourceContextVersion: 8 }],
  ])('covers the %s stamp', (_case, stamp) => {
    expect(buildBcm(sampleContext(), stamp).checksum).not.toBe(base.checksum);
  });
});
