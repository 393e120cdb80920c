import { autopayEligible, autopayEligiblePlans } from '@raptorflow/contracts';
import { executeAt, mandateDebitFor, MAX_ATTEMPTS, nextMandateState, notifyAt, retryDueAt } from './mandate.rules';

const H = 3_600_000;

describe('autopay eligibility (RBI: no AFA per debit up to Rs 15,000)', () => {
  it('lets Starter and Growth monthly renew by Autopay, nothing else', () => {
    expect(autopayEligiblePlans()).toEqual([
      { planId: 'starter', period: 'month' },
      { planId: 'growth', period: 'month' },
    ]);
    expect(autopayEligible('pro', 'month')).toBe(false);
    expect(autopayEligible('nope', 'month')).toBe(false);
  });
});

describe('nextMandateState', () => {
  it.each([
    [{ state: 'pending', paused_by: null }, 'ACTIVE', { state: 'active', paused_by: null }],
    [{ state: 'pending', paused_by: null }, 'FAILED', { state: 'failed', paused_by: null }],
    [{ state: 'pending', paused_by: null }, 'PENDING', undefined],
    [{ state: 'active', paused_by: null }, 'PAUSED', { state: 'paused', paused_by: 'customer' }],
    [{ state: 'paused', paused_by: 'customer' }, 'ACTIVE', { state: 'active', paused_by: null }],
    [{ state: 'paused', paused_by: 'founder' }, 'ACTIVE', undefined],
    [{ state: 'active', paused_by: null }, 'CANCELLED', { state: 'revoked', paused_by: null }],
    [{ state: 'paused', paused_by: 'founder' }, 'REVOKED', { state: 'revoked', paused_by: null }],
    [{ state: 'active', paused_by: null }, 'EXPIRED', { state: 'expired', paused_by: null }],
    [{ state: 'revoked', paused_by: null }, 'ACTIVE', undefined],
    [{ state: 'active', paused_by: null }, 'ACTIVE', undefined],
  ] as const)('%j + PhonePe %s -> %j', (current, provider, expected) => {
    expect(nextMandateState(current, provider)).toEqual(expected);
  });
});

describe('the cycle schedule', () => {
  const due = new Date('2027-01-10T00:00:00Z');
  it('notifies 48 h before the due date and executes no sooner than 24 h after the notice', () => {
    expect(notifyAt(due).toISOString()).toBe('2027-01-08T00:00:00.000Z');
    expect(executeAt(due, new Date(due.getTime() - 30 * H))).toEqual(due);
    expect(executeAt(due, new Date(due.getTime() - 2 * H))).toEqual(new Date(due.getTime() + 22 * H));
  });

  it('retries after 1 day, then 2 days, then stops', () => {
    expect(MAX_ATTEMPTS).toBe(3);
    expect(retryDueAt(1, due)?.toISOString()).toBe('2027-01-11T00:00:00.000Z');
    expect(retryDueAt(2, due)?.toISOString()).toBe('2027-01-12T00:00:00.000Z');
    expect(retryDueAt(3, due)).toBeUndefined();
  });
});

describe('the mandate follows the plan', () => {
  const mandate = { period: 'month', max_amount: 1_500_000 };
  it('debits the price of the plan the term renews into, up to its maxAmount', () => {
    expect(mandateDebitFor(mandate, { planId: 'starter', period: 'month' })).toBe(499_900);
    expect(mandateDebitFor(mandate, { planId: 'growth', period: 'month' })).toBe(999_900);
  });
  it('cannot carry another period, a price above its maxAmount, or an unknown plan: renewal by checkout', () => {
    expect(mandateDebitFor(mandate, { planId: 'starter', period: 'year' })).toBeUndefined();
    expect(mandateDebitFor(mandate, { planId: 'pro', period: 'month' })).toBeUndefined();
    expect(mandateDebitFor({ period: 'month', max_amount: 499_900 }, { planId: 'growth', period: 'month' })).toBeUndefined();
    expect(mandateDebitFor(mandate, { planId: 'gold', period: 'month' })).toBeUndefined();
  });
});
