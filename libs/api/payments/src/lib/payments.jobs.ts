export const PAYMENT_RECONCILE_QUEUE = 'payment-reconcile';
export const RECONCILE_JOB = 'reconcile';
export const SWEEP_JOB = 'sweep';
export const SWEEP_EVERY_MS = 5 * 60_000;

export interface ReconcileJob {
  merchantOrderId: string;
  attempt: number;
}

// PhonePe's recommended polling: first check ~20 s after checkout, then more and more rarely.
const SCHEDULE_SECONDS = [20, 5, 5, 5, 5, 10, 10, 10, 30, 30, 60];

export function reconcileDelayMs(attempt: number): number {
  return SCHEDULE_SECONDS[Math.min(attempt, SCHEDULE_SECONDS.length - 1)] * 1000;
}

export const reconcileJobId = (merchantOrderId: string, attempt: number): string => `reconcile-${merchantOrderId}-${attempt}`;
