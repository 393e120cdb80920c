import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { initialAuthState } from '@raptorflow/web-auth-data-access';
import { PaymentReturnPageActions, type PaymentsState, initialPaymentsState } from '@raptorflow/web-payments-data-access';
import { makePaymentView } from '@raptorflow/web-payments-data-access/testing';
import { PaymentReturnPage } from './payment-return.page';

describe('PaymentReturnPage', () => {
  async function render(payments: Partial<PaymentsState>, order = 'o-1') {
    TestBed.configureTestingModule({
      imports: [PaymentReturnPage],
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: initialAuthState, payments: { ...initialPaymentsState, ...payments } } })],
    });
    const dispatched: Action[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(PaymentReturnPage);
    fixture.componentRef.setInput('order', order);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('starts checking the order it came back with', async () => {
    const { page, dispatched } = await render({ phase: 'checking' });
    expect(dispatched).toContainEqual(PaymentReturnPageActions.opened({ merchantOrderId: 'o-1' }));
    expect(page.textContent).toContain('Confirming your payment with PhonePe…');
  });

  it('confirms a completed payment and continues once the profile is reloaded', async () => {
    const { page } = await render({ phase: 'completed', payment: makePaymentView({ state: 'COMPLETED' }), profileRefreshed: true });
    expect(page.querySelector('h1')?.textContent).toBe('Payment received');
    expect(page.textContent).toContain('Growth (₹9,999 per month)');
    expect(Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes('Continue to onboarding'))?.disabled).toBe(false);
  });

  it('explains a failure and offers the same plan again', async () => {
    const { page } = await render({ phase: 'failed', payment: makePaymentView({ state: 'FAILED', planId: 'pro', period: 'year', failureReason: 'Your bank declined the payment.' }) });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Your bank declined the payment.');
    expect(page.querySelector<HTMLAnchorElement>('a[href*="onboarding/payment"]')?.getAttribute('href')).toBe('/onboarding/payment?plan=pro&period=year');
  });

  it('offers to check again when PhonePe stays pending', async () => {
    const { page } = await render({ phase: 'still-pending' });
    expect(page.textContent).toContain("We'll email you");
    expect(page.textContent).toContain('Check again');
  });
});
