const INR = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Customers are in India; dates in emails are read in IST.
const DATE = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Kolkata' });

/** 499900 -> "₹4,999.00" (Indian digit grouping: 19999000 -> "₹1,99,990.00"). */
export function formatInr(paise: number): string {
  if (!Number.isInteger(paise)) throw new Error(`Amount must be integer paise, got ${paise}`);
  return INR.format(paise / 100);
}

/** "26 Nov 2026" in Asia/Kolkata. */
export function formatDate(date: Date): string {
  return DATE.format(date);
}

export type BillingPeriod = 'month' | 'year';

export function periodLabel(period: BillingPeriod): string {
  return period === 'month' ? 'Monthly' : 'Yearly';
}
