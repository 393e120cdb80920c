import { TestBed } from '@angular/core/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { PlanSelectionPageActions, type PaymentsState, initialPaymentsState } from '@raptorflow/web-payments-data-access';
import { PlanSelectionPage } from './plan-selection.page';

describe('PlanSelectionPage', () => {
  async function render(query: { plan?: string; period?: string } = {}, payments: Partial<PaymentsState> = {}) {
    TestBed.configureTestingModule({
      imports: [PlanSelectionPage],
      providers: [provideMockStore({ initialState: { payments: { ...initialPaymentsState, history: [], ...payments } } })],
    });
    const dispatched: Action[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(PlanSelectionPage);
    if (query.plan) fixture.componentRef.setInput('plan', query.plan);
    if (query.period) fixture.componentRef.setInput('period', query.period);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const continueButton = () => Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes('Continue to payment')) as HTMLButtonElement;
    return { fixture, page, dispatched, continueButton };
  }

  it('shows the three plans with monthly prices, seats and rebuilds', async () => {
    const { page } = await render();
    expect(page.querySelector('[data-testid="price-growth"]')?.textContent).toBe('₹9,999');
    expect(page.textContent).toContain('5 seats');
    expect(page.textContent).toContain('10 BCM rebuilds a day');
  });

  it('waits for a plan before continuing', async () => {
    const { continueButton } = await render();
    expect(continueButton().disabled).toBe(true);
  });

  it('pre-selects plan and period from the query (the failure email links here)', async () => {
    const { page, dispatched, continueButton, fixture } = await render({ plan: 'pro', period: 'year' });
    expect(page.querySelector('[data-testid="price-pro"]')?.textContent).toBe('₹1,99,990');
    expect(page.querySelector<HTMLInputElement>('input[aria-label="Pro"]')?.checked).toBe(true);
    continueButton().click();
    await fixture.whenStable();
    expect(dispatched).toContainEqual(PlanSelectionPageActions.continueClicked({ planId: 'pro', period: 'year' }));
  });

  it('lets the user pick a plan', async () => {
    const { page, dispatched, continueButton, fixture } = await render();
    page.querySelector<HTMLInputElement>('input[aria-label="Growth"]')!.click();
    await fixture.whenStable();
    continueButton().click();
    expect(dispatched).toContainEqual(PlanSelectionPageActions.continueClicked({ planId: 'growth', period: 'month' }));
  });

  it('shows a checkout error in a banner', async () => {
    const { page } = await render({}, { checkoutError: { code: 'PROVIDER_UNAVAILABLE', message: 'PhonePe is not responding right now.' } });
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('PhonePe is not responding right now.');
  });
});
