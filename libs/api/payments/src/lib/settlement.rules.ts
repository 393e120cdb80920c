import { createHash } from 'node:crypto';
import type { OrderStatus } from './gateway/payment-gateway';

// An order still PENDING this long after its expiry is treated as failed.
export const EXPIRY_GRACE_MS = 2 * 60_000;
// PhonePe not knowing an order this long after we recorded it means our pay call never created it.
export const NOT_CREATED_AFTER_MS = 10 * 60_000;

export type OrderDecision =
  | { kind: 'wait' }
  | { kind: 'complete'; captured: number }
  | { kind: 'fail'; errorCode: string }
  /**
   * The late-capture rule: PhonePe confirms money taken for a payment we failed (or must fail now because
   * the amount is not the price). Nothing is activated and everything captured is refunded, once.
   */
  | { kind: 'refund-capture'; captured: number; errorCode: string | null };

interface PaymentFacts {
  state: 'PENDING' | 'COMPLETED' | 'FAILED';
  amount: number;
  captured_amount: number | null;
  created_at: Date;
}

/** Whether a payment can still change on PhonePe's word: pending, or failed by us without a known capture. */
export function awaitsProvider(row: PaymentFacts): boolean {
  return row.state === 'PENDING' || (row.state === 'FAILED' && row.captured_amount === null);
}

/** The one place that turns PhonePe's confirmed order status (`NOT_FOUND` if it has none) into a ledger move. */
export function decideOrder(row: PaymentFacts, status: OrderStatus | 'NOT_FOUND', now: number): OrderDecision {
  if (!awaitsProvider(row)) return { kind: 'wait' };
  if (status === 'NOT_FOUND') {
    return row.state === 'PENDING' && new Date(row.created_at).getTime() + NOT_CREATED_AFTER_MS < now ? { kind: 'fail', errorCode: 'ORDER_NOT_CREATED' } : { kind: 'wait' };
  }
  if (status.state === 'COMPLETED') {
    if (row.state === 'PENDING' && status.amount === row.amount) return { kind: 'complete', captured: status.amount };
    return { kind: 'refund-capture', captured: status.amount, errorCode: row.state === 'PENDING' ? 'AMOUNT_MISMATCH' : null };
  }
  if (row.state !== 'PENDING') return { kind: 'wait' };
  if (status.state === 'FAILED') return { kind: 'fail', errorCode: status.errorCode ?? status.paymentDetails.at(-1)?.errorCode ?? 'PAYMENT_FAILED' };
  return status.expireAt + EXPIRY_GRACE_MS < now ? { kind: 'fail', errorCode: 'EXPIRED' } : { kind: 'wait' };
}

/** Deterministic, so a late capture has one refund id whoever notices it first (<= 63 chars). */
export function lateCaptureRefundId(merchantOrderId: string): string {
  return `RFL_${createHash('sha256').update(merchantOrderId).digest('hex').slice(0, 40)}`;
}
