import { effectiveSubscriptionStatus, grantsAccess, grantsWrite } from './subscription.rules';

const now = new Date('2026-11-25T12:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();

describe('effectiveSubscriptionStatus', () => {
  it.each([
    ['active within its period', 'active', days(10), 'active'],
    ['trialing within its trial', 'trialing', days(2), 'trialing'],
    ['cancelled runs to its period end', 'cancelled', days(5), 'cancelled'],
    ['active whose period ended a day ago is in grace', 'active', days(-1), 'past_due'],
    ['trial ended two days ago is in grace', 'trialing', days(-2), 'past_due'],
    ['active ended four days ago has expired', 'active', days(-4), 'expired'],
    ['cancelled after its period end has expired', 'cancelled', days(-1), 'expired'],
    ['expired stays expired', 'expired', days(30), 'expired'],
    ['past_due renewed into a new period is active', 'past_due', days(20), 'active'],
  ] as const)('%s', (_, status, currentPeriodEnd, expected) => {
    expect(effectiveSubscriptionStatus({ status, currentPeriodEnd }, now)).toBe(expected);
  });
});

describe('grantsAccess', () => {
  it.each([
    ['none', false],
    ['expired', false],
    ['trialing', true],
    ['active', true],
    ['past_due', true],
    ['cancelled', true],
  ] as const)('%s -> %s', (status, expected) => expect(grantsAccess(status)).toBe(expected));
});

describe('grantsWrite', () => {
  it.each([
    ['none', false],
    ['expired', false],
    ['past_due', false],
    ['trialing', true],
    ['active', true],
    ['cancelled', true],
  ] as const)('%s -> %s', (status, expected) => expect(grantsWrite(status)).toBe(expected));
});
