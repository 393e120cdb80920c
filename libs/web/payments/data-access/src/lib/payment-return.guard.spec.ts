import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideMockStore } from '@ngrx/store/testing';
import type { NextStep, VerifyProfileResponse } from '@raptorflow/contracts';
import { initialAuthState } from '@raptorflow/web-auth-data-access';
import { type Observable, firstValueFrom } from 'rxjs';
import { paymentReturnGuard } from './payment-return.guard';

describe('paymentReturnGuard', () => {
  function decide(next: NextStep | null): Promise<unknown> {
    const profile = next ? ({ next } as VerifyProfileResponse) : null;
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, status: next ? 'signed-in' : 'signed-out', profile } } })],
    });
    return firstValueFrom(TestBed.runInInjectionContext(() => paymentReturnGuard({}, []) as Observable<unknown>));
  }

  it.each(['payment', 'onboarding', 'app'] as const)('lets a signed-in user in while their next step is %s (the webhook may have won)', async (next) => {
    expect(await decide(next)).toBe(true);
  });

  it('sends a signed-out visitor to the login page', async () => {
    expect(String(await decide(null))).toBe('/login');
  });
});
