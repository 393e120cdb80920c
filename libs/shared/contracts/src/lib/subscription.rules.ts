import type { SubscriptionStatus } from './auth.contracts';

export const GRACE_PERIOD_DAYS = 3;
const DAY_MS = 86_400_000;

export interface SubscriptionTimes {
  status: SubscriptionStatus;
  currentPeriodEnd: Date | string;
}

/**
 * The status a subscription has right now (domain.md): a period that ended is past_due for 3 days
 * (read-only app), then expired; a cancelled one runs to its period end.
 */
export function effectiveSubscriptionStatus(sub: SubscriptionTimes, now: Date): SubscriptionStatus {
  if (sub.status === 'expired') return 'expired';
  const end = new Date(sub.currentPeriodEnd).getTime();
  if (now.getTime() < end) return sub.status === 'past_due' ? 'active' : sub.status;
  if (sub.status === 'cancelled') return 'expired';
  return now.getTime() < end + GRACE_PERIOD_DAYS * DAY_MS ? 'past_due' : 'expired';
}

/** Whether the workspace may use the app (past_due may, read-only). */
export function grantsAccess(status: SubscriptionStatus | 'none'): boolean {
  return status === 'trialing' || status === 'active' || status === 'cancelled' || status === 'past_due';
}

/** Whether the workspace may change anything: past_due is the read-only grace period. */
export function grantsWrite(status: SubscriptionStatus | 'none'): boolean {
  return grantsAccess(status) && status !== 'past_due';
}
