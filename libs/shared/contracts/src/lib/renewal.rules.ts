import type { SubscriptionStatus, SubscriptionSummary } from './auth.contracts';
import { GRACE_PERIOD_DAYS } from './subscription.rules';

const DAY_MS = 86_400_000;

/** Renewal reminders go out this many days before a paid period ends (domain.md "Renewal"), tightest last. */
export const RENEWAL_REMINDER_DAYS = [7, 3, 1] as const;
/** A trial's one reminder: "your trial ends in 3 days". */
export const TRIAL_REMINDER_DAYS = 3;

export type ReminderKind = 'trial_ending' | 'renewal_7' | 'renewal_3' | 'renewal_1';

export interface ReminderFacts {
  /** As stored (not the effective status): only a running trial or an active term is reminded. */
  status: SubscriptionStatus;
  currentPeriodEnd: Date | string;
}

/**
 * The reminder due now for a subscription, if any: the tightest window the period end is inside. A sweep that
 * missed a window (worker down) sends only the one due now, not the ones it missed. Cancelled terms do not renew,
 * so they get none; each kind is sent once per period end (the caller records it).
 */
export function dueReminder(sub: ReminderFacts, now: Date): ReminderKind | null {
  const left = new Date(sub.currentPeriodEnd).getTime() - now.getTime();
  if (left <= 0) return null;
  if (sub.status === 'trialing') return left <= TRIAL_REMINDER_DAYS * DAY_MS ? 'trial_ending' : null;
  // A stored past_due whose period was renewed runs again (effectiveSubscriptionStatus).
  if (sub.status !== 'active' && sub.status !== 'past_due') return null;
  const days = [...RENEWAL_REMINDER_DAYS].reverse().find((d) => left <= d * DAY_MS);
  return days === undefined ? null : (`renewal_${days}` as ReminderKind);
}

/** Whole days left until `end`, rounded up (23 hours left is "1 day"). */
export function daysUntil(end: Date | string, now: Date): number {
  return Math.max(0, Math.ceil((new Date(end).getTime() - now.getTime()) / DAY_MS));
}

/**
 * The billing banner the app shows: a running trial (with its end), a term ending within the first reminder
 * window, or the grace period after an unpaid end (read-only, days of grace left). Expired workspaces never see
 * the app: verify-profile sends them to the payment page.
 */
export type SubscriptionNotice =
  | { kind: 'trial'; endsAt: string; daysLeft: number }
  | { kind: 'renewal'; endsAt: string; daysLeft: number }
  | { kind: 'trial_ended'; graceDaysLeft: number }
  | { kind: 'past_due'; graceDaysLeft: number };

export function subscriptionNotice(sub: SubscriptionSummary, now: Date): SubscriptionNotice | null {
  if (!sub.currentPeriodEnd) return null;
  const end = sub.currentPeriodEnd;
  if (sub.status === 'trialing') return { kind: 'trial', endsAt: end, daysLeft: daysUntil(end, now) };
  if (sub.status === 'active') {
    const daysLeft = daysUntil(end, now);
    return daysLeft <= RENEWAL_REMINDER_DAYS[0] ? { kind: 'renewal', endsAt: end, daysLeft } : null;
  }
  if (sub.status === 'past_due') {
    const graceDaysLeft = daysUntil(new Date(new Date(end).getTime() + GRACE_PERIOD_DAYS * DAY_MS), now);
    return { kind: sub.trialEndsAt ? 'trial_ended' : 'past_due', graceDaysLeft };
  }
  return null;
}
