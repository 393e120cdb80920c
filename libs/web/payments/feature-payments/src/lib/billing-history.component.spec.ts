import { TestBed } from '@angular/core/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { BillingHistoryActions, type PaymentsState, initialPaymentsState } from '@raptorflow/web-payments-data-access';
import { makePaymentView } from '@raptorflow/web-payments-data-access/testing';
import { BillingHistoryComponent } from './billing-history.component';

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
      ],
    });
    expect(dispatched).not.toContainEqual(BillingHistoryActions.opened());
    const rows = Array.from(page.querySelectorAll('tbody tr')).map((row) => Array.from(row.querySelectorAll('td')).slice(1).map((cell) => cell.textContent?.trim()));
    expect(rows).toEqual([
      ['Pro · yearly', '₹1,99,990', 'Paid', '₹5,000'],
      ['Growth · monthly', '₹9,999', 'Failed', '-'],
    ]);
  });

  it('says when there are no payments', async () => {
    const { page } = await render({ history: [] });
    expect(page.textContent).toContain('No payments yet.');
  });
});
