import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { AutopayOptionComponent } from './autopay-option.component';

describe('AutopayOptionComponent', () => {
  const redirects: string[] = [];

  async function render(planId: string | null, period: 'month' | 'year' = 'month') {
    TestBed.configureTestingModule({
      imports: [AutopayOptionComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: CHECKOUT_REDIRECT, useValue: (url: string) => redirects.push(url) }],
    });
    const fixture = TestBed.createComponent(AutopayOptionComponent);
    fixture.componentRef.setInput('planId', planId);
    fixture.componentRef.setInput('period', period);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
  }

  it('sets up Autopay for an eligible plan and goes to the PhonePe mandate page', async () => {
    const { page, http, fixture } = await render('growth');
    expect(page.textContent).toContain('up to ₹15,000 a debit');
    expect(page.textContent).toContain("your plan's price (₹9,999");
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-setup"]')?.click();
    const request = http.expectOne('/api/v1/payments/autopay/setup');
    expect(request.request.body).toEqual({ planId: 'growth', period: 'month' });
    request.flush({ merchantOrderId: 'RF_1', checkoutUrl: 'https://phonepe.example/mandate/1', amount: 999_900, maxAmount: 1_500_000 });
    await fixture.whenStable();
    expect(redirects).toContain('https://phonepe.example/mandate/1');
  });

  it('explains why Pro monthly and yearly prices renew by one-time payment', async () => {
    const { page } = await render('pro');
    expect(page.querySelector('[data-testid="autopay-setup"]')).toBeNull();
    expect(page.querySelector('[data-testid="autopay-ineligible"]')?.textContent).toContain('Starter monthly and Growth monthly');
    expect(page.textContent).toContain('₹15,000');
  });

  it('shows the API message when the setup is refused', async () => {
    const { page, http, fixture } = await render('starter');
    page.querySelector<HTMLButtonElement>('[data-testid="autopay-setup"]')?.click();
    http.expectOne('/api/v1/payments/autopay/setup').flush({ code: 'AUTOPAY_EXISTS', message: 'UPI Autopay is already set up for this workspace.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('already set up');
  });
});
