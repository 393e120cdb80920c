import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router, type UrlTree } from '@angular/router';
import { NEXT_STEP_PATHS, type NextStep } from '@raptorflow/contracts';
import { Store } from '@ngrx/store';
import { type Observable, filter, switchMap, take } from 'rxjs';
import { selectIsResolved, selectNextStep } from './auth.feature';
import { SupabaseAuthClient } from './supabase-auth.client';
import { TWO_FACTOR_PATH, needsSecondFactor } from './two-factor';

// Pages of a signed-in user: a session that still owes its second factor is sent to the code page first.
const SIGNED_IN_PAGES = new Set<AuthPage>(['onboarding', 'payment', 'app']);

/** The kinds of page the guards tell apart. `unknown` is any URL no route claims. */
export type AuthPage = 'home' | 'login' | 'signup' | 'unconfirmed' | 'verify' | 'recover' | NextStep | 'unknown';

/**
 * Who may see a page (domain.md "Where a user goes next"): `true`, or the path to send the user to.
 * `next` is null when there is no profile (signed out, or it could not be loaded).
 */
export function decideAccess(page: AuthPage, next: NextStep | null): true | string {
  const nextPath = next ? NEXT_STEP_PATHS[next] : NEXT_STEP_PATHS.login;
  switch (page) {
    case 'home':
    case 'login':
    case 'signup':
    case 'unconfirmed':
    case 'recover':
      return next === null ? true : nextPath;
    case 'verify':
      // A mailed link works signed in too: an e-mail change is confirmed from the new inbox, a sign-in link signs in.
      return true;
    case 'onboarding':
      // Only pages ahead of the user redirect: a founder in the app may come back to edit their answers.
      return next === 'onboarding' || next === 'app' ? true : nextPath;
    case 'payment':
    case 'app':
      return next === page ? true : nextPath;
    case 'unknown':
      return nextPath;
  }
}

/**
 * A guard for `canMatch` or `canActivate`: waits for session restore and profile load
 * (no flash of the wrong page), then lets the user in or redirects them to the page they belong on
 * (the two-factor code page while a password-only session of a user with a factor owes it).
 */
export function authGuard(page: AuthPage): CanMatchFn & CanActivateFn {
  return (): Observable<true | UrlTree> => {
    const store = inject(Store);
    const router = inject(Router);
    const auth = inject(SupabaseAuthClient);
    return store.select(selectIsResolved).pipe(
      filter(Boolean),
      take(1),
      switchMap(() => store.select(selectNextStep).pipe(take(1))),
      switchMap(async (next) => {
        const decision = decideAccess(page, next);
        if (decision !== true) return router.parseUrl(decision);
        return SIGNED_IN_PAGES.has(page) && (await needsSecondFactor(auth)) ? router.parseUrl(TWO_FACTOR_PATH) : true;
      }),
    );
  };
}
