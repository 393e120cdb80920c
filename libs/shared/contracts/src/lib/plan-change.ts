// Plan changes while a paid term runs (issue #16): the one proration rule, in integer paise, and the API shapes.
import type { BillingPeriod, InitiatePaymentResponse, PlanId } from './plans';

/** PhonePe's smallest payment: an upgrade whose proration rounds below it switches without a charge. */
export const MIN_CHARGE_PAISE = 100;

export interface PlanChangeTerm {
  planId: PlanId;
  /** The price of one period of the plan, in paise. */
  price: number;
  period: BillingPeriod;
}

export interface ProrationInput {
  current: PlanChangeTerm & { periodStart: Date; periodEnd: Date };
  target: PlanChangeTerm;
  now: Date;
}

/**
 * What a change costs now. `upgrade`: the target costs more per second, takes effect now and `amount` is owed
 * (0 when it rounds below MIN_CHARGE_PAISE: switched free). `scheduled`: a downgrade or a switch of period,
 * effective at the period end, nothing owed now.
 */
export type ProrationQuote = { kind: 'upgrade'; amount: number } | { kind: 'scheduled'; amount: 0 };

/**
 * The proration rule (README "Plan changes"). All in whole seconds and integer paise:
 *  - Lc = the current period's real length (end - start), so a leap year or a 31-day month counts as it is;
 *  - Lt = the target period's length: Lc when the period stays, else one target period ending at the current
 *    period end (a month before the end, clamped to the month's last day; a year before it);
 *  - R  = seconds from now to the period end (0 once it is over), at most Lc: a period paid in advance (Autopay
 *    set up during a trial starts when the trial ends) is charged for its own days, never the free days before it;
 *  - amount = round_half_up(R x (target.price / Lt - current.price / Lc)), exactly, with integers (BigInt).
 * The same plan at another period, or a target that costs no more per second, is scheduled, not charged.
 */
export function prorate(input: ProrationInput): ProrationQuote {
  const { current, target, now } = input;
  const end = current.periodEnd.getTime();
  const lc = BigInt(Math.max(1, Math.floor((end - current.periodStart.getTime()) / 1000)));
  const lt = target.period === current.period ? lc : BigInt(Math.floor((end - periodBefore(current.periodEnd, target.period).getTime()) / 1000));
  const r = BigInt(Math.max(0, Math.floor((end - Math.max(now.getTime(), current.periodStart.getTime())) / 1000)));
  const rate = BigInt(target.price) * lc - BigInt(current.price) * lt;
  if (current.planId === target.planId || rate <= BigInt(0)) return { kind: 'scheduled', amount: 0 };
  const numerator = r * rate;
  const denominator = lt * lc;
  const amount = Number((BigInt(2) * numerator + denominator) / (BigInt(2) * denominator));
  return { kind: 'upgrade', amount };
}

/** One period before `date` (UTC), clamping to the last day of a shorter month, as Postgres interval arithmetic does. */
export function periodBefore(date: Date, period: BillingPeriod): Date {
  const months = period === 'year' ? 12 : 1;
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

/** A downgrade or period switch waiting for the period end. */
export interface ScheduledPlanChange {
  planId: PlanId;
  period: BillingPeriod;
  effectiveAt: string;
  requestedAt: string;
}

/** GET /api/v1/payments/subscription/change/quote?planId=&period= */
export interface PlanChangeQuote {
  kind: 'upgrade' | 'scheduled';
  planId: PlanId;
  period: BillingPeriod;
  /** Paise to pay now (0 for a scheduled change or an upgrade that rounds below ₹1). */
  amount: number;
  /** Now for an upgrade; the current period end for a scheduled change. */
  effectiveAt: string;
}

/** POST /api/v1/payments/subscription/change */
export interface PlanChangeResponse extends PlanChangeQuote {
  /** The PhonePe checkout for an upgrade with a charge; null when switched at once or scheduled. */
  checkout: InitiatePaymentResponse | null;
  scheduled: ScheduledPlanChange | null;
}

/** GET /api/v1/payments/subscription/change */
export interface SubscriptionChangeState {
  scheduled: ScheduledPlanChange | null;
}
