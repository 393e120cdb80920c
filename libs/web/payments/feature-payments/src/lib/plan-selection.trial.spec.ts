import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { AuthApiActions } from '@raptorflow/web-auth-data-access';
import { initialPaymentsState } from '@raptorflow/web-payments-data-access';
import { PlanSelectionPage } from './plan-selection.page';

describe('PlanSelectionPage: the free trial', () => {
  async function render(availability = { available: true, reason: null as string | null }) {
    TestBed.configureTestingModule({
      imports: [PlanSelectionPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideMockStore({ initialState: { payments: { ...initialPaymentsState, history: [] } } })],
    });
    const dispatched: Action[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((action) => dispatched.push(action));
    const navigated: string[] = [];
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockImplementation(async (url) => (navigated.push(String(url)), true));
    const fixture = TestBed.createComponent(PlanSelectionPage);
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    http.match('/api/v1/billing/details').forEach((r) => r.flush(null));
    http.expectOne('/api/v1/payments/trial').flush(availability);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const trialButton = () => page.querySelector<HTMLButtonElement>('[data-testid="start-trial-growth"]');
    return { fixture, page, http, dispatched, navigated, trialButton };
  }

  it('offers a 14-day trial on Growth only', async () => {
    const { page, trialButton } = await render();
    expect(trialButton()?.textContent?.trim()).toBe('Start 14-day free trial');
    expect(page.querySelectorAll('[data-testid^="start-trial-"]')).toHaveLength(1);
    expect(page.textContent).toContain('Try Growth free for 14 days.');
  });

  it('offers no trial to a workspace that had one, and says so', async () => {
    const { page, trialButton } = await render({ available: false, reason: 'used' });
    expect(trialButton()).toBeNull();
    expect(page.textContent).toContain('This workspace has used its free trial.');
  });

  it('starts the trial, reloads the profile and goes where it says', async () => {
    const { fixture, http, dispatched, navigated, trialButton } = await render();
    trialButton()?.click();
    await fixture.whenStable();
    const start = http.expectOne({ method: 'POST', url: '/api/v1/payments/trial' });
    expect(start.request.body).toEqual({ planId: 'growth' });
    expect(trialButton()?.disabled).toBe(true);
    start.flush({ status: 'trialing', planId: 'growth', trialEndsAt: '2026-12-15T10:00:00Z' });
    const profile = { next: 'onboarding' } as VerifyProfileResponse;
    http.expectOne('/api/v1/auth/verify-profile').flush(profile);
    expect(dispatched).toContainEqual(AuthApiActions.profileVerified({ profile }));
    expect(navigated).toEqual(['/onboarding']);
  });

  it('says so in words when the workspace already used its trial', async () => {
    const { fixture, page, http, trialButton } = await render();
    trialButton()?.click();
    http.expectOne({ method: 'POST', url: '/api/v1/payments/trial' }).flush({ statusCode: 409, code: 'TRIAL_ALREADY_USED', message: 'x' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('This workspace has already used its free trial.');
    expect(trialButton()?.disabled).toBe(false);
  });
});
