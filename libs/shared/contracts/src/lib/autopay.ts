// UPI Autopay (RBI e-mandates through PhonePe). Shared by the API (which enforces it) and the web (which explains it).
import { findPlan, PLANS, type BillingPeriod, type PlanId } from './plans';

/** RBI e-mandate framework: recurring debits above Rs 15,000 need an additional factor of authentication each time. */
export const AUTOPAY_MAX_DEBIT_PAISE = 1_500_000;
/** Failed debits are retried this many days after each failure (then the subscription is past_due). */
export const AUTOPAY_RETRY_DAYS: readonly number[] = [1, 2];
/** Our pre-debit notice (and PhonePe's notify call) goes out this long before the due date; RBI needs >= 24 h. */
export const AUTOPAY_NOTICE_HOURS = 48;

/** Whether this plan and period can renew by UPI Autopay: only prices that need no AFA per debit. */
export function autopayEligible(planId: PlanId | string, period: BillingPeriod | string): boolean {
  const price = findPlan(planId)?.prices[period as BillingPeriod];
  return price !== undefined && price <= AUTOPAY_MAX_DEBIT_PAISE;
}

/** Today: Starter and Growth monthly. Pro monthly (Rs 19,999) and every yearly price renew by one-time checkout. */
export function autopayEligiblePlans(): { planId: PlanId; period: BillingPeriod }[] {
  return PLANS.flatMap((plan) => (['month', 'year'] as const).filter((period) => autopayEligible(plan.id, period)).map((period) => ({ planId: plan.id, period })));
}

export type MandateState = 'pending' | 'active' | 'paused' | 'revoked' | 'expired' | 'failed';

/** GET /api/v1/payments/autopay: the workspace's latest mandate. */
export interface MandateView {
  state: MandateState;
  /** customer: paused in their UPI app; founder: paused in RaptorFlow. */
  pausedBy: 'customer' | 'founder' | null;
  planId: PlanId;
  period: BillingPeriod;
  maxAmount: number;
  amount: number;
  frequency: 'MONTHLY' | 'YEARLY';
  validUntil: string;
  nextDebitAt: string | null;
  nextDebitAmount: number | null;
  /** Where to renew by one-time checkout when Autopay cannot (paused, revoked, failed). */
  renewUrl: string;
}

/** POST /api/v1/payments/autopay/setup */
export interface MandateSetupResponse {
  merchantOrderId: string;
  checkoutUrl: string;
  amount: number;
  maxAmount: number;
}
