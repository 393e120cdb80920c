import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideMockStore } from '@ngrx/store/testing';
import type { SubscriptionSummary, VerifyProfileResponse } from '@raptorflow/contracts';
import { initialAuthState } from '@raptorflow/web-auth-data-access';
import { CHECKOUT_REDIRECT } from '@raptorflow/web-payments-data-access';
import { SubscriptionBannerComponent } from './subscription-banner.component';

const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

async function render(subscription: Partial<SubscriptionSummary>, role: 'owner' | 'member' = 'owner') {
  const profile = {
    workspace: { id: 'w1', name: 'Acme', ownerId: 'u1', role, onboardingStatus: 'completed', createdAt: inDays(-30) },
    subscription: { status: 'active', planId: 'growth', period: 'month', currentPeriodEnd: inDays(20), trialEndsAt: null, readOnly: false, ...subscription },
  } as VerifyProfileResponse;
  const redirects: string[] = [];
  TestBed.configureTestingModule({
    imports: [SubscriptionBannerComponent],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideMockStore({ initialState: { auth: { ...initialAuthState, status: 'signed-in', profile } } }),
      { provide: CHECKOUT_REDIRECT, useValue: (url: string) => redirects.push(url) },
    ],
  });
  const fixture = TestBed.createComponent(SubscriptionBannerComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, redirects, http: TestBed.inject(HttpTestingController), banner: () => element.querySelector('[data-testid="subscription-banner"]') };
}

describe('SubscriptionBannerComponent', () => {
  it('shows nothing while a paid term has more than 7 days left', async () => {
    const { banner } = await render({ currentPeriodEnd: inDays(20) });
    expect(banner()).toBeNull();
  });

  it('shows a running trial with its end and lets the owner pay for the same plan in one click', async () => {
    const end = inDays(14);
    const { fixture, banner, http, redirects, element } = await render({ status: 'trialing', currentPeriodEnd: end, trialEndsAt: end });
    expect(banner()?.textContent).toMatch(/Your Growth trial ends on \d{2}\/\d{2}\/\d{4} \(14 days left\)/);
    element.querySelector<HTMLButtonElement>('[data-testid="subscription-pay"]')?.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/payments/initiate');
    expect(req.request.body).toEqual({ planId: 'growth', period: 'month' });
    req.flush({ merchantOrderId: 'RF_1', checkoutUrl: 'https://pay.example/checkout/1', amount: 999_900, expiresAt: null });
    expect(redirects).toEqual(['https://pay.example/checkout/1']);
  });

  it('reminds of a renewal 3 days before the end', async () => {
    const { banner } = await render({ currentPeriodEnd: inDays(3) });
    expect(banner()?.textContent).toContain('(3 days left)');
    expect(banner()?.textContent).toContain('Renew now');
  });

  it('counts the days of grace left while past due, and tells a member to ask the owner', async () => {
    const { banner } = await render({ status: 'past_due', currentPeriodEnd: inDays(-1), readOnly: true }, 'member');
    expect(banner()?.textContent).toContain('read-only');
    expect(banner()?.textContent).toContain('2 days of grace left');
    expect(banner()?.textContent).toContain('Only the workspace owner can pay.');
  });

  it('shows a checkout error in words', async () => {
    const { fixture, element, http } = await render({ currentPeriodEnd: inDays(1) });
    element.querySelector<HTMLButtonElement>('[data-testid="subscription-pay"]')?.click();
    http.expectOne('/api/v1/payments/initiate').flush({ code: 'PROVIDER_UNAVAILABLE', message: 'x' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('PhonePe is not responding right now.');
  });
});
