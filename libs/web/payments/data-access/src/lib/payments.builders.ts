import type { PaymentView } from '@raptorflow/contracts';

/** A payment as the API reports it; override what the test is about. */
export function makePaymentView(overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    merchantOrderId: 'RF_RF-2026-0001_abc123',
    planId: 'growth',
    period: 'month',
    amount: 999_900,
    state: 'PENDING',
    failureReason: null,
    purpose: 'subscription',
    refundedAmount: 0,
    refunds: [],
    createdAt: '2026-11-25T10:00:00.000Z',
    completedAt: null,
    ...overrides,
  };
}
