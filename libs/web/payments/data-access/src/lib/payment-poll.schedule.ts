import { InjectionToken } from '@angular/core';

// 1 s, 2 s, 3 s, then every 5 s: quick for the usual instant answer, gentle while PhonePe is slow.
const STEPS_MS = [1000, 2000, 3000, 5000];

/** Waits between status checks, capped at `capMs` each, until their sum reaches `budgetMs` (~2 minutes). */
export function paymentPollDelays(budgetMs = 120_000, capMs = 5000): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let i = 0; total < budgetMs; i++) {
    const delay = Math.min(STEPS_MS[i] ?? capMs, capMs);
    delays.push(delay);
    total += delay;
  }
  return delays;
}

/** The return page's polling schedule; tests provide a short one. */
export const PAYMENT_POLL_DELAYS = new InjectionToken<readonly number[]>('PAYMENT_POLL_DELAYS', { providedIn: 'root', factory: () => paymentPollDelays() });

/** Leaves the app for PhonePe's hosted checkout page; a token so tests can observe it. */
export const CHECKOUT_REDIRECT = new InjectionToken<(url: string) => void>('CHECKOUT_REDIRECT', {
  providedIn: 'root',
  factory: () => (url: string) => window.location.assign(url),
});
