import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { AuthApiActions } from '@raptorflow/web-auth-data-access';
import { Observable, firstValueFrom, of, toArray } from 'rxjs';
import { makePaymentView } from '../testing';
import { PaymentReturnPageActions, PaymentsApiActions, PlanSelectionPageActions } from './payments.actions';
import * as effects from './payments.effects';
import { CHECKOUT_REDIRECT, PAYMENT_POLL_DELAYS } from './payment-poll.schedule';

const POLL_DELAYS = [1000, 2000, 3000];

// Only `next` matters to these effects.
const paidProfile = { next: 'onboarding' } as VerifyProfileResponse;

describe('payments effects', () => {
  let actions$: Observable<Action>;
  let redirects: string[];
  let http: HttpTestingController;

  // Status checks run on jest's fake clock.
  afterEach(() => jest.useRealTimers());

  beforeEach(() => {
    jest.useFakeTimers();
    redirects = [];
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: PAYMENT_POLL_DELAYS, useValue: POLL_DELAYS },
        { provide: CHECKOUT_REDIRECT, useValue: (url: string) => redirects.push(url) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  function collect<T>(effect: () => Observable<T>): Promise<T[]> {
    return firstValueFrom(TestBed.runInInjectionContext(effect).pipe(toArray()));
  }

  // Answers each status request in turn, each when its delay of the schedule has passed and not before.
  async function answerStatus(...answers: (ReturnType<typeof makePaymentView> | { status: number; code: string })[]) {
    for (const [i, answer] of answers.entries()) {
      const wait = i === 0 ? 0 : POLL_DELAYS[i - 1];
      await jest.advanceTimersByTimeAsync(Math.max(wait - 1, 0));
      if (wait > 0) http.expectNone((r) => r.url.startsWith('/api/v1/payments/status/'));
      await jest.advanceTimersByTimeAsync(wait > 0 ? 1 : 0);
      const request = http.expectOne((r) => r.url.startsWith('/api/v1/payments/status/'));
      if ('state' in answer) request.flush(answer);
      else request.flush({ statusCode: answer.status, code: answer.code, message: 'x' }, { status: answer.status, statusText: 'Error' });
    }
  }

  it('creates a checkout and sends the browser to PhonePe', async () => {
    actions$ = of(PlanSelectionPageActions.continueClicked({ planId: 'growth', period: 'month' }));
    const result = collect(effects.initiatePayment$);
    const request = http.expectOne('/api/v1/payments/initiate');
    expect(request.request.body).toEqual({ planId: 'growth', period: 'month' });
    const checkout = { merchantOrderId: 'o-1', checkoutUrl: 'http://phonepe.test/checkout/1', amount: 999_900, expiresAt: null };
    request.flush(checkout);
    expect(await result).toEqual([PaymentsApiActions.checkoutCreated({ checkout })]);

    actions$ = of(PaymentsApiActions.checkoutCreated({ checkout }));
    await collect(effects.redirectToCheckout$);
    expect(redirects).toEqual(['http://phonepe.test/checkout/1']);
  });

  it('says "try again" when PhonePe is unavailable', async () => {
    actions$ = of(PlanSelectionPageActions.continueClicked({ planId: 'pro', period: 'year' }));
    const result = collect(effects.initiatePayment$);
    http.expectOne('/api/v1/payments/initiate').flush({ statusCode: 503, code: 'PROVIDER_UNAVAILABLE', message: 'down' }, { status: 503, statusText: 'Unavailable' });
    const [action] = await result;
    expect(action).toEqual(PaymentsApiActions.checkoutFailed({ error: { code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('try again') } }));
  });

  it('polls until the payment completes', async () => {
    actions$ = of(PaymentReturnPageActions.opened({ merchantOrderId: 'o-1' }));
    const result = collect(effects.pollPaymentStatus$);
    const pending = makePaymentView({ merchantOrderId: 'o-1' });
    const done = makePaymentView({ merchantOrderId: 'o-1', state: 'COMPLETED' });
    await answerStatus(pending, pending, done);
    expect(await result).toEqual([PaymentsApiActions.statusLoaded({ payment: pending }), PaymentsApiActions.statusLoaded({ payment: pending }), PaymentsApiActions.statusLoaded({ payment: done })]);
  });

  it('keeps polling through a passing error and gives up as "still pending" when the schedule runs out', async () => {
    actions$ = of(PaymentReturnPageActions.opened({ merchantOrderId: 'o-1' }));
    const result = collect(effects.pollPaymentStatus$);
    const pending = makePaymentView({ merchantOrderId: 'o-1' });
    await answerStatus(pending, { status: 502, code: 'BAD_GATEWAY' }, pending, pending);
    const actions = await result;
    expect(actions.map((a) => a.type)).toEqual([
      PaymentsApiActions.statusLoaded.type,
      PaymentsApiActions.statusCheckFailed.type,
      PaymentsApiActions.statusLoaded.type,
      PaymentsApiActions.statusLoaded.type,
      PaymentsApiActions.stillPending.type,
    ]);
  });

  it('stops at an unknown order', async () => {
    actions$ = of(PaymentReturnPageActions.opened({ merchantOrderId: 'nope' }));
    const result = collect(effects.pollPaymentStatus$);
    await answerStatus({ status: 404, code: 'PAYMENT_NOT_FOUND' });
    const actions = await result;
    expect(actions).toEqual([PaymentsApiActions.statusCheckFailed({ error: { code: 'PAYMENT_NOT_FOUND', message: expect.any(String) }, final: true })]);
  });

  it('reloads the profile after a completed payment so the guards move on', async () => {
    actions$ = of(PaymentsApiActions.statusLoaded({ payment: makePaymentView({ state: 'COMPLETED' }) }), PaymentsApiActions.statusLoaded({ payment: makePaymentView() }));
    const result = collect(effects.refreshProfileAfterPayment$);
    http.expectOne('/api/v1/auth/verify-profile').flush(paidProfile);
    expect(await result).toEqual([AuthApiActions.profileVerified({ profile: paidProfile }), PaymentsApiActions.profileRefreshed({ next: 'onboarding' })]);
  });
});
