// The plan catalog (domain.md "Plans and payments"). Amounts are integer paise (INR x 100).

export type PlanId = 'starter' | 'growth' | 'pro';
export type BillingPeriod = 'month' | 'year';

export interface Plan {
  id: PlanId;
  name: string;
  prices: Record<BillingPeriod, number>;
  seats: number;
  rebuildsPerDay: number;
  trialDays: number;
}

// trialDays is the one table of which plans carry a free trial (domain.md "Billing lifecycle"): 14 days of Growth.
export const PLANS: readonly Plan[] = [
  { id: 'starter', name: 'Starter', prices: { month: 499_900, year: 4_999_000 }, seats: 1, rebuildsPerDay: 3, trialDays: 0 },
  { id: 'growth', name: 'Growth', prices: { month: 999_900, year: 9_999_000 }, seats: 5, rebuildsPerDay: 10, trialDays: 14 },
  { id: 'pro', name: 'Pro', prices: { month: 1_999_900, year: 19_999_000 }, seats: 20, rebuildsPerDay: 50, trialDays: 0 },
];

export function findPlan(id: string): Plan | undefined {
  return PLANS.find((p) => p.id === id);
}

/** POST /api/v1/payments/trial: the trial just started (a workspace gets one, without payment). */
export interface StartTrialResponse {
  status: 'trialing';
  planId: PlanId;
  trialEndsAt: string;
}

/** GET /api/v1/payments/trial: whether the workspace can still start its one trial (and why not). */
export interface TrialAvailability {
  available: boolean;
  /** used: the workspace had its trial; subscribed: it has (or had) a subscription. */
  reason: 'used' | 'subscribed' | null;
}

export type PaymentState = 'PENDING' | 'COMPLETED' | 'FAILED';

/** POST /api/v1/payments/initiate */
export interface InitiatePaymentResponse {
  merchantOrderId: string;
  /** The PhonePe checkout page to send the browser to. */
  checkoutUrl: string;
  amount: number;
  expiresAt: string | null;
}

/** GET /api/v1/payments/status/:merchantOrderId and one row of the billing history. */
export interface PaymentView {
  merchantOrderId: string;
  planId: PlanId;
  period: BillingPeriod;
  /** 'upgrade': the prorated payment of a plan change (planId/period are the plan upgraded to). */
  purpose: 'subscription' | 'upgrade';
  amount: number;
  state: PaymentState;
  /** Why it failed, in words a customer understands. */
  failureReason: string | null;
  refundedAmount: number;
  refunds: RefundView[];
  createdAt: string;
  completedAt: string | null;
}

/** A refund moves PENDING -> COMPLETED | FAILED; only COMPLETED ones count in refundedAmount. */
export interface RefundView {
  merchantRefundId: string;
  merchantOrderId: string;
  amount: number;
  state: PaymentState;
  /** operator: issued by an operator; late_capture: money that arrived after the order had closed. */
  reason: 'operator' | 'late_capture';
  createdAt: string;
  completedAt: string | null;
}
