import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { MandateView, SubscriptionSummary } from '@raptorflow/contracts';
import { CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { of } from 'rxjs';
import { AutopayCardComponent } from './autopay-card.component';

const active: MandateView = {
  state: 'active',
  pausedBy: null,
  planId: 'growth',
  period: 'month',
  maxAmount: 999_900,
  amount: 999_900,
  frequency: 'MONTHLY',
  validUntil: '2031-12-01T00:00:00.000Z',
  nextDebitAt: '2027-01-01T06:30:00.000Z',
  nextDebitAmount: 999_900,
  renewUrl: 'http://localhost:4200/onboarding/payment?plan=growth&period=month',
};

const trialing: SubscriptionSummary = { status: 'trialing', planId: 'growth', period: 'month', currentPeriodEnd: '2026-12-15T06:30:00.000Z', trialEndsAt: '2026-12-15T06:30:00.000Z', readOnly: false };

describe('AutopayCardComponent', () => {
  const redirects: string[] = [];

  async function render(mandate: MandateView | null, subscription: SubscriptionSummary | null = null) {
    TestBed.configureTestingModule({
      imports: [AutopayCardComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(true) }) } },
        { provide: CHECKOUT_REDIRECT, useValue: (url: string) => redirects.push(url) },
      ],
    });
    const fixture = TestBed.createComponent(AutopayCardComponent);
    fixture.componentRef.setInput('subscription', subscription);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/payments/autopay').flush({ mandate });
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement, http };
  }

  it('shows the mandate: max amount, frequency, validity and the next debit in en-IN', async () => {
    const { page } = await render(active);
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Active');
    expect(page.querySelector('[data-testid="autopay-max"]')?.textContent).toContain('₹9,999');
    expect(page.querySelector('[data-testid="autopay-next"]')?.textContent).toBe('₹9,999 on 01/01/2027');
    expect(page.textContent).toContain('Every month');
  });

  it('pauses, and after a confirmation dialog cancels', async () => {
    const { page, http, fixture } = await render(active);
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-pause"]')?.click();
    http.expectOne('/api/v1/payments/autopay/pause').flush({ mandate: { ...active, state: 'paused', pausedBy: 'founder', nextDebitAt: null } });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Paused');
    expect(page.querySelector('[data-testid="autopay-resume"]')).not.toBeNull();
    expect(page.querySelector('a')?.getAttribute('href')).toBe(active.renewUrl);
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-cancel"]')?.click();
    http.expectOne('/api/v1/payments/autopay/cancel').flush({ mandate: { ...active, state: 'revoked', nextDebitAt: null } });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Cancelled');
  });

  it('says a pause made in the UPI app is resumed there', async () => {
    const { page } = await render({ ...active, state: 'paused', pausedBy: 'customer', nextDebitAt: null });
    expect(page.querySelector('[data-testid="autopay-resume"]')).toBeNull();
    expect(page.textContent).toContain('resume it there');
  });

  it('shows nothing without a mandate', async () => {
    const { page } = await render(null);
    expect(page.querySelector('[data-testid="autopay-card"]')).toBeNull();
  });

  it('during a Growth trial without a mandate offers the setup, says the paid month starts at the trial end, and goes to PhonePe', async () => {
    const { page, http, fixture } = await render(null, trialing);
    const offer = page.querySelector('[data-testid="autopay-offer"]');
    expect(offer?.textContent).toContain('Pay ₹9,999 now and approve a UPI mandate of up to ₹15,000 a debit: each month it debits your plan\'s price');
    expect(offer?.textContent).toContain('starts when the trial ends on 15/12/2026');
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-offer-setup"]')?.click();
    const setup = http.expectOne('/api/v1/payments/autopay/setup');
    expect(setup.request.body).toEqual({ planId: 'growth', period: 'month' });
    setup.flush({ merchantOrderId: 'RF_x', checkoutUrl: 'http://127.0.0.1:54400/phonepe/checkout/x', amount: 999_900, maxAmount: 999_900 });
    await fixture.whenStable();
    expect(redirects).toEqual(['http://127.0.0.1:54400/phonepe/checkout/x']);
  });

  it('offers no setup once a mandate exists or outside a trial', async () => {
    const withMandate = await render(active, trialing);
    expect(withMandate.page.querySelector('[data-testid="autopay-offer"]')).toBeNull();
    TestBed.resetTestingModule();
    const paid = await render(null, { ...trialing, status: 'active', trialEndsAt: null });
    expect(paid.page.querySelector('[data-testid="autopay-offer"]')).toBeNull();
  });

  it('reads the mandate again when the subscription is cancelled (which cancels Autopay too)', async () => {
    const { page, http, fixture } = await render(active, { ...trialing, status: 'active', trialEndsAt: null });
    fixture.componentRef.setInput('subscription', { ...trialing, status: 'cancelled', trialEndsAt: null });
    await fixture.whenStable();
    http.expectOne('/api/v1/payments/autopay').flush({ mandate: { ...active, state: 'revoked', nextDebitAt: null } });
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="autopay-state"]')?.textContent).toBe('Cancelled');
    expect(page.textContent).toContain('Renew with a one-time payment');
  });
});
