import type { OrderStatus } from './gateway/payment-gateway';
import { awaitsProvider, decideOrder, lateCaptureRefundId } from './settlement.rules';

const now = Date.parse('2026-12-01T10:00:00Z');
const pending = { state: 'PENDING' as const, amount: 499_900, captured_amount: null, created_at: new Date(now - 60_000) };
const status = (state: OrderStatus['state'], amount = 499_900, expireAt = now + 600_000): OrderStatus => ({
  orderId: 'OMO1',
  merchantOrderId: 'RF_1',
  state,
  amount,
  expireAt,
  paymentDetails: [],
});

describe('decideOrder', () => {
  it('completes a pending payment PhonePe confirms for the asked amount', () => {
    expect(decideOrder(pending, status('COMPLETED'), now)).toEqual({ kind: 'complete', captured: 499_900 });
  });

  it('refunds a capture of another amount, and a capture after we failed the payment', () => {
    expect(decideOrder(pending, status('COMPLETED', 100), now)).toEqual({ kind: 'refund-capture', captured: 100, errorCode: 'AMOUNT_MISMATCH' });
    const expired = { ...pending, state: 'FAILED' as const };
    expect(decideOrder(expired, status('COMPLETED'), now)).toEqual({ kind: 'refund-capture', captured: 499_900, errorCode: null });
  });

  it('never moves a payment whose capture is already known', () => {
    const settled = { ...pending, state: 'COMPLETED' as const, captured_amount: 499_900 };
    expect(awaitsProvider(settled)).toBe(false);
    expect(decideOrder(settled, status('COMPLETED'), now)).toEqual({ kind: 'wait' });
    expect(decideOrder({ ...settled, state: 'FAILED' }, status('COMPLETED'), now)).toEqual({ kind: 'wait' });
  });

  it('waits while PhonePe says pending, and fails after expiry plus grace', () => {
    expect(decideOrder(pending, status('PENDING'), now)).toEqual({ kind: 'wait' });
    expect(decideOrder(pending, status('PENDING', 499_900, now - 60_000), now)).toEqual({ kind: 'wait' });
    expect(decideOrder(pending, status('PENDING', 499_900, now - 3 * 60_000), now)).toEqual({ kind: 'fail', errorCode: 'EXPIRED' });
    expect(decideOrder(pending, { ...status('FAILED'), errorCode: 'PAYMENT_ERROR' }, now)).toEqual({ kind: 'fail', errorCode: 'PAYMENT_ERROR' });
  });

  it('fails an order PhonePe never created only after ten minutes', () => {
    expect(decideOrder(pending, 'NOT_FOUND', now)).toEqual({ kind: 'wait' });
    expect(decideOrder({ ...pending, created_at: new Date(now - 11 * 60_000) }, 'NOT_FOUND', now)).toEqual({ kind: 'fail', errorCode: 'ORDER_NOT_CREATED' });
  });

  it('gives a late capture one stable refund id', () => {
    const id = lateCaptureRefundId('RF_RF-2026-0001_abcdef012345');
    expect(id).toBe(lateCaptureRefundId('RF_RF-2026-0001_abcdef012345'));
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,63}$/);
  });
});
