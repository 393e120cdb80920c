import type { SubscriptionSummary } from './auth.contracts';
import { daysUntil, dueReminder, subscriptionNotice } from './renewal.rules';

const now = new Date('2026-12-02T10:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
const inDays = (d: number) => inHours(d * 24);

describe('dueReminder', () => {
  it.each([
    ['active, 10 days left: nothing yet', 'active', inDays(10), null],
    ['active, exactly 7 days left', 'active', inDays(7), 'renewal_7'],
    ['active, 5 days left (the 7-day one, late)', 'active', inDays(5), 'renewal_7'],
    ['active, 3 days left', 'active', inDays(3), 'renewal_3'],
    ['active, 2 days left', 'active', inDays(2), 'renewal_3'],
    ['active, 20 hours left', 'active', inHours(20), 'renewal_1'],
    ['active, period over: nothing (grace is not a reminder)', 'active', inHours(-1), null],
    ['renewed past_due, 1 day left', 'past_due', inDays(1), 'renewal_1'],
    ['cancelled terms do not renew', 'cancelled', inDays(2), null],
    ['expired', 'expired', inDays(2), null],
    ['trial, 10 days left', 'trialing', inDays(10), null],
    ['trial, 3 days left', 'trialing', inDays(3), 'trial_ending'],
    ['trial, 1 day left (still the one trial reminder)', 'trialing', inDays(1), 'trial_ending'],
    ['trial over', 'trialing', inDays(-1), null],
  ] as const)('%s', (_, status, currentPeriodEnd, expected) => {
    expect(dueReminder({ status, currentPeriodEnd }, now)).toBe(expected);
  });
});

describe('daysUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect([daysUntil(inHours(23), now), daysUntil(inHours(25), now), daysUntil(inDays(-2), now)]).toEqual([1, 2, 0]);
  });
});

describe('subscriptionNotice', () => {
  const sub = (over: Partial<SubscriptionSummary>): SubscriptionSummary => ({
    status: 'active',
    planId: 'growth',
    period: 'month',
    currentPeriodEnd: inDays(20),
    trialEndsAt: null,
    readOnly: false,
    ...over,
  });

  it('shows a running trial with its end', () => {
    expect(subscriptionNotice(sub({ status: 'trialing', currentPeriodEnd: inDays(14), trialEndsAt: inDays(14) }), now)).toEqual({ kind: 'trial', endsAt: inDays(14), daysLeft: 14 });
  });

  it('shows a renewal only within 7 days of the period end', () => {
    expect(subscriptionNotice(sub({ currentPeriodEnd: inDays(8) }), now)).toBeNull();
    expect(subscriptionNotice(sub({ currentPeriodEnd: inDays(3) }), now)).toEqual({ kind: 'renewal', endsAt: inDays(3), daysLeft: 3 });
  });

  it('counts the days of grace left after an unpaid end, telling a finished trial apart', () => {
    expect(subscriptionNotice(sub({ status: 'past_due', currentPeriodEnd: inDays(-1), readOnly: true }), now)).toEqual({ kind: 'past_due', graceDaysLeft: 2 });
    expect(subscriptionNotice(sub({ status: 'past_due', currentPeriodEnd: inHours(-1), trialEndsAt: inHours(-1), readOnly: true }), now)).toEqual({ kind: 'trial_ended', graceDaysLeft: 3 });
  });

  it('shows nothing for cancelled, expired or no subscription', () => {
    expect(subscriptionNotice(sub({ status: 'cancelled', currentPeriodEnd: inDays(2) }), now)).toBeNull();
    expect(subscriptionNotice(sub({ status: 'none', currentPeriodEnd: null }), now)).toBeNull();
  });
});
