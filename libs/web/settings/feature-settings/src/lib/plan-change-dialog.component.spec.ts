import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { type PlanChangeDialogResult, openPlanChangeDialog } from './plan-change-dialog.component';

describe('PlanChangeDialogComponent', () => {
  let http: HttpTestingController;
  const redirect = jest.fn();

  beforeEach(() => {
    redirect.mockReset();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), { provide: CHECKOUT_REDIRECT, useValue: redirect }] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  async function open() {
    let result: PlanChangeDialogResult | 'open' = 'open';
    openPlanChangeDialog(TestBed.inject(MatDialog), { planId: 'growth', period: 'month', currentPeriodEnd: '2026-12-25T00:00:00Z' }).subscribe((r) => (result = r));
    await new Promise((r) => setTimeout(r));
    const root = document.querySelector('rf-plan-change-dialog') as HTMLElement;
    const choose = async (key: string) => {
      root.querySelector<HTMLInputElement>(`[data-testid="choice-${key}"] input`)?.click();
      await new Promise((r) => setTimeout(r));
    };
    const refresh = async () => {
      TestBed.tick();
      await new Promise((r) => setTimeout(r));
    };
    return { root, choose, refresh, result: () => result };
  }

  it('offers every other plan and period, and shows the prorated amount before paying with PhonePe', async () => {
    const { root, choose, refresh } = await open();
    expect(root.querySelectorAll('mat-radio-button')).toHaveLength(5);
    expect(root.textContent).toContain('You are on Growth (monthly) until 25/12/2026');
    await choose('pro-month');
    http.expectOne('/api/v1/payments/subscription/change/quote?planId=pro&period=month').flush({ kind: 'upgrade', planId: 'pro', period: 'month', amount: 512_345, effectiveAt: '2026-12-01T00:00:00Z' });
    await refresh();
    expect(root.querySelector('[data-testid="plan-change-quote"]')?.textContent).toContain('You pay ₹5,123.45 now for the days left until 25/12/2026');
    const pay = root.querySelector<HTMLButtonElement>('[data-testid="confirm-plan-change"]');
    expect(pay?.textContent?.trim()).toBe('Pay with PhonePe');
    pay?.click();
    const post = http.expectOne('/api/v1/payments/subscription/change');
    expect(post.request.body).toEqual({ planId: 'pro', period: 'month' });
    post.flush({ kind: 'upgrade', planId: 'pro', period: 'month', amount: 512_340, effectiveAt: '2026-12-01T00:00:00Z', scheduled: null, checkout: { merchantOrderId: 'RF_1', checkoutUrl: 'https://phonepe.test/checkout/1', amount: 512_340, expiresAt: null } });
    expect(redirect).toHaveBeenCalledWith('https://phonepe.test/checkout/1');
    // The first test compiles the Material overlay: a cold run takes longer than jest's default 5 s.
  }, 20_000);

  it('says when a downgrade takes effect and shows the seat refusal in words', async () => {
    const { root, choose, refresh, result } = await open();
    await choose('starter-month');
    http.expectOne((r) => r.url === '/api/v1/payments/subscription/change/quote').flush(
      { statusCode: 409, code: 'SEATS_IN_USE', message: 'planId: Starter has 1 seat and this workspace has 3 members; remove 2 members first.' },
      { status: 409, statusText: 'Conflict' },
    );
    await refresh();
    expect(root.textContent).toContain('remove 2 members first');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="confirm-plan-change"]')?.disabled).toBe(true);

    await choose('growth-year');
    http.expectOne((r) => r.url === '/api/v1/payments/subscription/change/quote').flush({ kind: 'scheduled', planId: 'growth', period: 'year', amount: 0, effectiveAt: '2026-12-25T00:00:00Z' });
    await refresh();
    expect(root.textContent).toContain('The change takes effect on 25/12/2026');
    root.querySelector<HTMLButtonElement>('[data-testid="confirm-plan-change"]')?.click();
    http.expectOne('/api/v1/payments/subscription/change').flush({ kind: 'scheduled', planId: 'growth', period: 'year', amount: 0, effectiveAt: '2026-12-25T00:00:00Z', checkout: null, scheduled: { planId: 'growth', period: 'year', effectiveAt: '2026-12-25T00:00:00Z', requestedAt: '2026-12-01T00:00:00Z' } });
    await refresh();
    await new Promise((r) => setTimeout(r, 50));
    expect(result()).toBe('scheduled');
    expect(redirect).not.toHaveBeenCalled();
  });
});
