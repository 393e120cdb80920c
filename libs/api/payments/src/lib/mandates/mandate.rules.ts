// The Autopay decisions in one place: what PhonePe's subscription state means for our mandate, when a cycle is
// notified and executed, and the retry schedule (AUTOPAY_RETRY_DAYS in @raptorflow/contracts).
import { AUTOPAY_NOTICE_HOURS, AUTOPAY_RETRY_DAYS, findPlan, type BillingPeriod, type MandateState, type PlanId } from '@raptorflow/contracts';
import { randomBytes } from 'node:crypto';
import { REDEMPTION_ORDER_PREFIX } from '../gateway/phonepe.subscription';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** RBI: the debit runs at least 24 h after the pre-debit notice (the database checks it too). */
export const NOTICE_MIN_MS = 24 * HOUR_MS;
export const NOTICE_LEAD_MS = AUTOPAY_NOTICE_HOURS * HOUR_MS;
export const MAX_ATTEMPTS = 1 + AUTOPAY_RETRY_DAYS.length;
/** How long after its due date a debit may still run (PhonePe's validUpto for the redemption order). */
export const DEBIT_WINDOW_MS = 3 * DAY_MS;
/** The mandate's validity, stated at setup as RBI requires. */
export const MANDATE_VALIDITY_YEARS = 5;
/** A pending setup unknown to PhonePe after this long was never created there. */
export const SETUP_NOT_CREATED_AFTER_MS = 30 * 60_000;

export type PausedBy = 'customer' | 'founder' | null;
export interface MandateFacts {
  state: MandateState;
  paused_by: PausedBy;
}

/**
 * What our mandate becomes on PhonePe's confirmed subscription state, or undefined for no change. A pause in
 * RaptorFlow (founder) stays while PhonePe says ACTIVE; ended states never come back (the trigger agrees).
 */
export function nextMandateState(current: MandateFacts, providerState: string): MandateFacts | undefined {
  const to = (state: MandateState, paused_by: PausedBy = null): MandateFacts | undefined =>
    state === current.state && paused_by === current.paused_by ? undefined : { state, paused_by };
  if (current.state === 'revoked' || current.state === 'expired' || current.state === 'failed') return undefined;
  switch (providerState) {
    case 'ACTIVE':
      return current.state === 'paused' && current.paused_by === 'founder' ? undefined : to('active');
    case 'PAUSED':
      return current.state === 'pending' ? undefined : to('paused', 'customer');
    case 'REVOKED':
    case 'CANCELLED':
      return to('revoked');
    case 'EXPIRED':
      return to('expired');
    case 'FAILED':
      return current.state === 'pending' ? to('failed') : undefined;
    default:
      return undefined;
  }
}

/** When the pre-debit notice for a debit due at `dueAt` goes out (a retry's due date is set so it is at once). */
export function notifyAt(dueAt: Date): Date {
  return new Date(dueAt.getTime() - NOTICE_LEAD_MS);
}

/** When a notified debit may run: its due date, and never sooner than 24 h after the notice. */
export function executeAt(dueAt: Date, notifiedAt: Date): Date {
  return new Date(Math.max(dueAt.getTime(), notifiedAt.getTime() + NOTICE_MIN_MS));
}

/** The due date of the next attempt after attempt `attempt` failed at `failedAt`; undefined when none is left. */
export function retryDueAt(attempt: number, failedAt: Date): Date | undefined {
  const days = AUTOPAY_RETRY_DAYS[attempt - 1];
  return days === undefined ? undefined : new Date(failedAt.getTime() + days * DAY_MS);
}

export function frequencyOf(period: 'month' | 'year'): 'MONTHLY' | 'YEARLY' {
  return period === 'year' ? 'YEARLY' : 'MONTHLY';
}

export function newRedemptionOrderId(): string {
  return `${REDEMPTION_ORDER_PREFIX}${randomBytes(12).toString('hex')}`;
}

export function newMerchantSubscriptionId(ucid: string): string {
  return `RFS_${ucid}_${randomBytes(6).toString('hex')}`;
}

/**
 * The mandate follows the plan: the price a mandate debits to renew into `renewal` (the term's plan, or the plan a
 * scheduled change moves it to), or undefined when it cannot carry it (another period, or above its maxAmount);
 * then the founder renews by one-time checkout. PhonePe's subscription API has no modify call, so a mandate is
 * VARIABLE up to the e-mandate cap and each debit says its amount.
 */
export function mandateDebitFor(mandate: { period: string; max_amount: number }, renewal: { planId: PlanId | string; period: BillingPeriod | string }): number | undefined {
  const price = findPlan(renewal.planId)?.prices[renewal.period as BillingPeriod];
  return price !== undefined && renewal.period === mandate.period && price <= mandate.max_amount ? price : undefined;
}
