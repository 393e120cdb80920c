import { inject } from '@angular/core';
import { AuthApiActions, AuthApiService } from '@raptorflow/web-auth-data-access';
import type { PaymentView } from '@raptorflow/contracts';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { EMPTY, type Observable, catchError, concat, concatMap, defer, exhaustMap, filter, from, map, merge, of, switchMap, takeWhile, tap, timer } from 'rxjs';
import { PaymentsApiService } from './payments-api.service';
import { BillingHistoryActions, PaymentReturnPageActions, PaymentsApiActions, PlanSelectionPageActions } from './payments.actions';
import { isFinalStatusError, toPaymentsErrorView } from './payments.errors';
import { CHECKOUT_REDIRECT, PAYMENT_POLL_DELAYS } from './payment-poll.schedule';

export const loadPlans$ = createEffect(
  (actions$ = inject(Actions), api = inject(PaymentsApiService)) =>
    actions$.pipe(
      ofType(PlanSelectionPageActions.opened),
      switchMap(() =>
        api.plans().pipe(
          map((plans) => PaymentsApiActions.plansLoaded({ plans })),
          catchError((error: unknown) => of(PaymentsApiActions.plansLoadFailed({ error: toPaymentsErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadHistory$ = createEffect(
  (actions$ = inject(Actions), api = inject(PaymentsApiService)) =>
    actions$.pipe(
      ofType(BillingHistoryActions.opened),
      switchMap(() =>
        api.history().pipe(
          map((payments) => PaymentsApiActions.historyLoaded({ payments })),
          catchError((error: unknown) => of(PaymentsApiActions.historyLoadFailed({ error: toPaymentsErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const initiatePayment$ = createEffect(
  (actions$ = inject(Actions), api = inject(PaymentsApiService)) =>
    actions$.pipe(
      ofType(PlanSelectionPageActions.continueClicked),
      exhaustMap(({ planId, period }) =>
        api.initiate(planId, period).pipe(
          map((checkout) => PaymentsApiActions.checkoutCreated({ checkout })),
          catchError((error: unknown) => of(PaymentsApiActions.checkoutFailed({ error: toPaymentsErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const redirectToCheckout$ = createEffect(
  (actions$ = inject(Actions), redirect = inject(CHECKOUT_REDIRECT)) =>
    actions$.pipe(
      ofType(PaymentsApiActions.checkoutCreated),
      tap(({ checkout }) => redirect(checkout.checkoutUrl)),
    ),
  { functional: true, dispatch: false },
);

type PollResult = { payment: PaymentView } | { error: unknown };

/** Checks now, then after each delay, until the payment settles, a final error, or the delays run out. */
function poll(api: PaymentsApiService, merchantOrderId: string, delays: readonly number[]): Observable<Action> {
  let last: PollResult | null = null;
  const checks = from([0, ...delays]).pipe(
    concatMap((wait) =>
      timer(wait).pipe(
        switchMap(() => api.status(merchantOrderId)),
        map((payment): PollResult => ({ payment })),
        catchError((error: unknown) => of<PollResult>({ error })),
      ),
    ),
    tap((result) => (last = result)),
    takeWhile((result) => ('payment' in result ? result.payment.state === 'PENDING' : !isFinalStatusError(result.error)), true),
    map((result) =>
      'payment' in result
        ? PaymentsApiActions.statusLoaded({ payment: result.payment })
        : PaymentsApiActions.statusCheckFailed({ error: toPaymentsErrorView(result.error), final: isFinalStatusError(result.error) }),
    ),
  );
  const outcome = defer(() => {
    const settled = last && 'payment' in last && last.payment.state !== 'PENDING';
    const failedFinally = last && 'error' in last && isFinalStatusError(last.error);
    return settled || failedFinally ? EMPTY : of(PaymentsApiActions.stillPending({ merchantOrderId }));
  });
  return concat(checks, outcome);
}

export const pollPaymentStatus$ = createEffect(
  (actions$ = inject(Actions), api = inject(PaymentsApiService), delays = inject(PAYMENT_POLL_DELAYS)) =>
    actions$.pipe(
      ofType(PaymentReturnPageActions.opened, PaymentReturnPageActions.checkAgainClicked),
      switchMap(({ merchantOrderId }) => poll(api, merchantOrderId, delays)),
    ),
  { functional: true },
);

// The subscription is active now: reload the profile so the guards move the user on to onboarding.
export const refreshProfileAfterPayment$ = createEffect(
  (actions$ = inject(Actions), auth = inject(AuthApiService)) =>
    merge(
      actions$.pipe(
        ofType(PaymentsApiActions.statusLoaded),
        filter(({ payment }) => payment.state === 'COMPLETED'),
      ),
      actions$.pipe(ofType(PaymentReturnPageActions.refreshProfileClicked)),
    ).pipe(
      exhaustMap(() =>
        auth.verifyProfile().pipe(
          switchMap((profile) => of(AuthApiActions.profileVerified({ profile }), PaymentsApiActions.profileRefreshed({ next: profile.next }))),
          catchError((error: unknown) => of(PaymentsApiActions.profileRefreshFailed({ error: toPaymentsErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);
