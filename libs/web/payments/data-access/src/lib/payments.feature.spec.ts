import { makePaymentView } from '../testing';
import { BillingHistoryActions, PaymentReturnPageActions, PaymentsApiActions, PlanSelectionPageActions } from './payments.actions';
import { type PaymentsState, initialPaymentsState, paymentsFeature, selectSortedHistory } from './payments.feature';

const { reducer } = paymentsFeature;
const unavailable = { code: 'PROVIDER_UNAVAILABLE', message: 'PhonePe is not responding right now.' };

function reduce(...actions: Parameters<typeof reducer>[1][]): PaymentsState {
  return actions.reduce((state, action) => reducer(state, action), initialPaymentsState);
}

describe('payments reducer', () => {
  it('shows the shipped plan catalog before the API answers', () => {
    expect(initialPaymentsState.plans.map((p) => p.id)).toEqual(['starter', 'growth', 'pro']);
  });

  it('keeps the page busy while leaving for PhonePe and shows a failed checkout', () => {
    const started = reduce(PlanSelectionPageActions.continueClicked({ planId: 'growth', period: 'month' }));
    expect(started.initiating).toBe(true);
    const created = reducer(started, PaymentsApiActions.checkoutCreated({ checkout: { merchantOrderId: 'o', checkoutUrl: 'http://x', amount: 1, expiresAt: null } }));
    expect(created.initiating).toBe(true);
    const failed = reducer(started, PaymentsApiActions.checkoutFailed({ error: unavailable }));
    expect(failed).toMatchObject({ initiating: false, checkoutError: unavailable });
    expect(reducer(failed, PlanSelectionPageActions.continueClicked({ planId: 'growth', period: 'month' })).checkoutError).toBeNull();
  });

  it('follows the return page from checking to pending to completed', () => {
    const opened = reduce(PaymentReturnPageActions.opened({ merchantOrderId: 'o-1' }));
    expect(opened).toMatchObject({ merchantOrderId: 'o-1', phase: 'checking' });
    const pending = reducer(opened, PaymentsApiActions.statusLoaded({ payment: makePaymentView({ merchantOrderId: 'o-1' }) }));
    expect(pending.phase).toBe('pending');
    const done = reducer(pending, PaymentsApiActions.statusLoaded({ payment: makePaymentView({ merchantOrderId: 'o-1', state: 'COMPLETED' }) }));
    expect(done.phase).toBe('completed');
    expect(reducer(done, PaymentsApiActions.profileRefreshed({ next: 'onboarding' })).profileRefreshed).toBe(true);
  });

  it('shows a failure, a timeout and final errors', () => {
    const opened = reduce(PaymentReturnPageActions.opened({ merchantOrderId: 'o-1' }));
    expect(reducer(opened, PaymentsApiActions.statusLoaded({ payment: makePaymentView({ state: 'FAILED', failureReason: 'Declined' }) })).phase).toBe('failed');
    expect(reducer(opened, PaymentsApiActions.stillPending({ merchantOrderId: 'o-1' })).phase).toBe('still-pending');
    expect(reducer(opened, PaymentsApiActions.statusCheckFailed({ error: unavailable, final: false })).phase).toBe('checking');
    expect(reducer(opened, PaymentsApiActions.statusCheckFailed({ error: unavailable, final: true })).phase).toBe('error');
  });

  it('loads billing history, newest first', () => {
    const loading = reduce(BillingHistoryActions.opened());
    expect(loading.historyLoading).toBe(true);
    const older = makePaymentView({ merchantOrderId: 'a', createdAt: '2026-01-01T00:00:00Z' });
    const newer = makePaymentView({ merchantOrderId: 'b', createdAt: '2026-02-01T00:00:00Z' });
    const loaded = reducer(loading, PaymentsApiActions.historyLoaded({ payments: [older, newer] }));
    expect(selectSortedHistory.projector(loaded.history).map((p: { merchantOrderId: string }) => p.merchantOrderId)).toEqual(['b', 'a']);
  });
});
