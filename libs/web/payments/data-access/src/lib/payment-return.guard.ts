import { inject } from '@angular/core';
import { type CanMatchFn, Router, type UrlTree } from '@angular/router';
import { NEXT_STEP_PATHS } from '@raptorflow/contracts';
import { selectIsResolved, selectNextStep } from '@raptorflow/web-auth-data-access';
import { Store } from '@ngrx/store';
import { type Observable, filter, map, switchMap, take } from 'rxjs';

/**
 * PhonePe's return page is open to every signed-in user: the webhook often activates the subscription before the
 * browser comes back, so the user may already be past the payment step and must still see the outcome.
 */
export const paymentReturnGuard: CanMatchFn = (): Observable<true | UrlTree> => {
  const store = inject(Store);
  const router = inject(Router);
  return store.select(selectIsResolved).pipe(
    filter(Boolean),
    take(1),
    switchMap(() => store.select(selectNextStep).pipe(take(1))),
    map((next) => (next ? true : router.parseUrl(NEXT_STEP_PATHS.login))),
  );
};
