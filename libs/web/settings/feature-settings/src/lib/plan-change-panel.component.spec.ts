import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { SubscriptionSummary, VerifyProfileResponse } from '@raptorflow/contracts';
import { selectProfile } from '@raptorflow/web-auth-data-access';
import { PlanChangePanelComponent } from './plan-change-panel.component';

const future = new Date(Date.now() + 20 * 86_400_000).toISOString();

function profile(subscription: Partial<SubscriptionSummary>, role: 'owner' | 'member' = 'owner'): VerifyProfileResponse {
  return {
    profile: { id: 'u-1', email: 'asha@example.com', fullName: 'Asha', ucid: 'RF-2026-0001', createdAt: '2026-01-01T00:00:00Z' },
    workspace: { id: 'w-1', name: 'Ledgerly', ownerId: 'u-1', role, onboardingStatus: 'completed', createdAt: '2026-01-01T00:00:00Z' },
    subscription: { status: 'active', planId: 'growth', period: 'month', currentPeriodEnd: future, trialEndsAt: null, readOnly: false, ...subscription },
    onboarding: { status: 'completed' },
    next: 'app',
  };
}

describe('PlanChangePanelComponent', () => {
  let http: HttpTestingController;

  async function render(me: VerifyProfileResponse) {
    TestBed.configureTestingModule({
      imports: [PlanChangePanelComponent],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideNoopAnimations(), provideMockStore({ selectors: [{ selector: selectProfile, value: me }] })],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(MockStore);
    const fixture = TestBed.createComponent(PlanChangePanelComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('shows a scheduled change with its date and drops it on "Keep current plan"', async () => {
    const { fixture, element } = await render(profile({}));
    http.expectOne('/api/v1/payments/subscription/change').flush({ scheduled: { planId: 'starter', period: 'month', effectiveAt: '2026-12-25T00:00:00Z', requestedAt: '2026-12-01T00:00:00Z' } });
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="scheduled-change"]')?.textContent).toContain('Scheduled: Starter (monthly) from 25/12/2026');
    expect(element.querySelector('[data-testid="change-plan"]')).not.toBeNull();
    element.querySelector<HTMLButtonElement>('[data-testid="keep-plan"]')?.click();
    const keep = http.expectOne('/api/v1/payments/subscription/change');
    expect(keep.request.method).toBe('DELETE');
    keep.flush({ scheduled: null });
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="scheduled-change"]')).toBeNull();
    expect(element.textContent).toContain('You keep your current plan.');
  }, 20_000);

  it('offers resume, not change, while a cancelled subscription still runs; members get no buttons', async () => {
    const { fixture, element } = await render(profile({ status: 'cancelled' }));
    http.expectOne('/api/v1/payments/subscription/change').flush({ scheduled: null });
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="resume-subscription"]')).not.toBeNull();
    expect(element.querySelector('[data-testid="change-plan"]')).toBeNull();
    TestBed.resetTestingModule();

    const member = await render(profile({}, 'member'));
    http.expectOne('/api/v1/payments/subscription/change').flush({ scheduled: null });
    member.fixture.detectChanges();
    expect(member.element.querySelector('button')).toBeNull();
  });
});
