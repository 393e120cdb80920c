import { TestBed } from '@angular/core/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { BillingHistoryActions, type PaymentsState, initialPaymentsState } from '@raptorflow/web-payments-data-access';
import { makePaymentView } from '@raptorflow/web-payments-data-access/testing';
import type { RefundView } from '@raptorflow/contracts';
import { BillingHistoryComponent } from './billing-history.component';

function refund(merchantOrderId: string, amount: number, state: RefundView['state'], reason: RefundView['reason'] = 'operator'): RefundView {
  return { merchantRefundId: `R_${merchantOrderId}_${amount}`, merchantOrderId, amount, state, reason, createdAt: '2026-03-02T10:00:00Z', completedAt: null };
}

describe('BillingHistoryComponent', () => {
  async function render(payments: Partial<PaymentsState>) {
    TestBed.configureTestingModule({ imports: [BillingHistoryComponent], providers: [provideMockStore({ initialState: { payments: { ...initialPaymentsState, ...payments } } })] });
    const dispatched: Action[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(BillingHistoryComponent);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('loads the history when nobody has', async () => {
    const { dispatched } = await render({});
    expect(dispatched).toContainEqual(BillingHistoryActions.opened());
  });

  it('lists payments with plan, amount, state and refunds', async () => {
    const { page, dispatched } = await render({
      history: [
        makePaymentView({ merchantOrderId: 'a', state: 'FAILED', createdAt: '2026-01-01T10:00:00Z' }),
        makePaymentView({ merchantOrderId: 'b', state: 'COMPLETED', planId: 'pro', period: 'year', amount: 19_999_000, refundedAmount: 500_000, createdAt: '2026-02-01T10:00:00Z' }),
        makePaymentView({
          merchantOrderId: 'c',
          state: 'COMPLETED',
          refundedAmount: 100_000,
          refunds: [refund('c', 100_000, 'COMPLETED'), refund('c', 200_000, 'PENDING'), refund('c', 300_000, 'FAILED')],
          createdAt: '2026-03-01T10:00:00Z',
        }),
        makePaymentView({ merchantOrderId: 'd', state: 'FAILED', refunds: [refund('d', 999_900, 'PENDING', 'late_capture')], createdAt: '2026-04-01T10:00:00Z' }),
      ],
    });
    expect(dispatched).not.toContainEqual(BillingHistoryActions.opened());
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).slice(1).map((cell) => cell.textContent?.trim()));
    expect(rows).toEqual([
      ['Growth (monthly)', '₹9,999', 'Failed', '₹9,999 pending (late payment)'],
      ['Growth (monthly)', '₹9,999', 'Partly refunded', '₹1,000 + ₹2,000 pending'],
      ['Pro (yearly)', '₹1,99,990', 'Partly refunded', '₹5,000'],
      ['Growth (monthly)', '₹9,999', 'Failed', '–'],
    ]);
    // The plan page shows no tax-document column (Settings does, for owners).
    expect(page.querySelectorAll('thead th')).toHaveLength(5);
  });

  it('says when there are no payments', async () => {
    const { page } = await render({ history: [] });
    expect(page.textContent).toContain('No payments yet.');
  });
});
