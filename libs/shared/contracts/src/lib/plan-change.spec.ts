import { findPlan, type BillingPeriod, type PlanId } from './plans';
import { periodBefore, prorate } from './plan-change';

const price = (planId: PlanId, period: BillingPeriod) => (findPlan(planId)?.prices[period] ?? NaN);
const at = (iso: string) => new Date(iso);
const term = (planId: PlanId, period: BillingPeriod, periodStart: string, periodEnd: string) => ({ planId, period, price: price(planId, period), periodStart: at(periodStart), periodEnd: at(periodEnd) });
const to = (planId: PlanId, period: BillingPeriod) => ({ planId, period, price: price(planId, period) });

describe('prorate', () => {
  it('charges the difference for the days left of a 30-day month, exactly', () => {
    // 15 of 30 days left: (999900 - 499900) / 2.
    const quote = prorate({ current: term('starter', 'month', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), target: to('growth', 'month'), now: at('2026-11-16T00:00:00Z') });
    expect(quote).toEqual({ kind: 'upgrade', amount: 250_000 });
  });

  it('rounds half up to the paise', () => {
    // 1 s of a 30-day month: 500000 / 2592000 = 0.19 paise -> 0; 7 s -> 1.35 -> 1; 5.184 s boundary: 2592000/500000 = 5.184 s per paise.
    const current = term('starter', 'month', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    // R = 2592 s: 500000 x 2592 / 2592000 = 500 exactly.
    expect(prorate({ current, target: to('growth', 'month'), now: at('2026-11-30T23:16:48Z') })).toEqual({ kind: 'upgrade', amount: 500 });
    // R = 13 s: 500000 x 13 / 2592000 = 2.5077 -> 3; R = 12 s: 2.3148 -> 2.
    expect(prorate({ current, target: to('growth', 'month'), now: at('2026-11-30T23:59:47Z') }).amount).toBe(3);
    expect(prorate({ current, target: to('growth', 'month'), now: at('2026-11-30T23:59:48Z') }).amount).toBe(2);
    // An exact half: price difference 2 paise per 4 s period, 1 s left -> 0.5 -> 1.
    const tiny = { current: { planId: 'starter' as const, period: 'month' as const, price: 100, periodStart: at('2026-11-01T00:00:00Z'), periodEnd: at('2026-11-01T00:00:04Z') }, target: { planId: 'growth' as const, period: 'month' as const, price: 102 }, now: at('2026-11-01T00:00:03Z') };
    expect(prorate(tiny).amount).toBe(1);
  });

  it('owes nothing at the last second and after the end', () => {
    const current = term('starter', 'month', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(prorate({ current, target: to('pro', 'month'), now: at('2026-11-30T23:59:59.500Z') })).toEqual({ kind: 'upgrade', amount: 0 });
    expect(prorate({ current, target: to('pro', 'month'), now: at('2026-12-02T00:00:00Z') })).toEqual({ kind: 'upgrade', amount: 0 });
    // The last whole second: 1500000 / 2592000 = 0.58 -> 1 paise (below PhonePe's minimum: switched free).
    expect(prorate({ current, target: to('pro', 'month'), now: at('2026-11-30T23:59:59Z') })).toEqual({ kind: 'upgrade', amount: 1 });
  });

  it('charges a period paid in advance (after a trial) for its own days only, not the trial days before it', () => {
    // Trial until 15/11, then a paid 30-day month: upgrading on 01/11 costs the whole month's difference, no more.
    const ahead = term('starter', 'month', '2026-11-15T00:00:00Z', '2026-12-15T00:00:00Z');
    expect(prorate({ current: ahead, target: to('growth', 'month'), now: at('2026-11-01T00:00:00Z') })).toEqual({ kind: 'upgrade', amount: 500_000 });
  });

  it('counts a leap year as 366 days', () => {
    // Half of a leap year (183 of 366 days) left: (9999000 - 4999000) / 2.
    const leap = term('starter', 'year', '2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z');
    expect(prorate({ current: leap, target: to('growth', 'year'), now: at('2028-07-02T00:00:00Z') })).toEqual({ kind: 'upgrade', amount: 2_500_000 });
    // The same calendar date in a common year leaves 183 of 365 days: 5000000 x 183 / 365 = 2506849.3 -> 2506849.
    const common = term('starter', 'year', '2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z');
    expect(prorate({ current: common, target: to('growth', 'year'), now: at('2027-07-02T00:00:00Z') }).amount).toBe(2_506_849);
  });

  it('prices year -> month by the target month ending at the period end', () => {
    // Growth yearly (365 days) to Pro monthly with 10 days left; the month before 2027-06-01 is May (31 days).
    // 10 days x (1999900 / 31 days - 9999000 / 365 days) = 645129.03 - 273945.21 = 371183.8 -> 371184.
    const current = term('growth', 'year', '2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z');
    expect(prorate({ current, target: to('pro', 'month'), now: at('2027-05-22T00:00:00Z') })).toEqual({ kind: 'upgrade', amount: 371_184 });
  });

  it('schedules downgrades and period switches instead of charging', () => {
    const current = term('growth', 'month', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    const now = at('2026-11-10T00:00:00Z');
    expect(prorate({ current, target: to('starter', 'month'), now })).toEqual({ kind: 'scheduled', amount: 0 });
    expect(prorate({ current, target: to('growth', 'year'), now })).toEqual({ kind: 'scheduled', amount: 0 });
    // Month -> year of the same plan costs more per period but is a switch of period, at the end.
    expect(prorate({ current: term('growth', 'year', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), target: to('growth', 'month'), now })).toEqual({ kind: 'scheduled', amount: 0 });
    // Growth monthly -> Starter yearly costs less per second.
    expect(prorate({ current, target: to('starter', 'year'), now }).kind).toBe('scheduled');
  });
});

describe('periodBefore', () => {
  it('clamps to the end of a shorter month, like Postgres', () => {
    expect(periodBefore(at('2026-03-31T10:00:00Z'), 'month').toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(periodBefore(at('2028-03-31T10:00:00Z'), 'month').toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(periodBefore(at('2026-01-15T00:00:00Z'), 'month').toISOString()).toBe('2025-12-15T00:00:00.000Z');
    expect(periodBefore(at('2029-02-28T00:00:00Z'), 'year').toISOString()).toBe('2028-02-28T00:00:00.000Z');
    expect(periodBefore(at('2028-02-29T00:00:00Z'), 'year').toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});
