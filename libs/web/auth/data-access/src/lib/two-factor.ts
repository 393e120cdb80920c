import { EnvironmentInjector, InjectionToken, type Injector, type Provider, inject } from '@angular/core';
import { type CanMatchFn, Router, type UrlTree } from '@angular/router';
import { Store } from '@ngrx/store';
import { NEXT_STEP_PATHS } from '@raptorflow/contracts';
import { type Observable, filter, switchMap, take } from 'rxjs';
import { selectIsResolved, selectNextStep } from './auth.feature';
import { SupabaseAuthClient } from './supabase-auth.client';

/** The page that asks for the authenticator code after a password sign-in. */
export const TWO_FACTOR_PATH = '/two-factor';

/** The API's answer when the session must pass the second factor first (libs/api/auth assurance.ts). */
export const AAL2_REQUIRED = 'AAL2_REQUIRED';

/**
 * Asks for the authenticator code in a dialog; resolves true once the session is aal2. The app provides it
 * (feature-auth's `provideTwoFactorChallenge`); the auth interceptor opens it when the API answers AAL2_REQUIRED.
 */
export const AAL2_CHALLENGE = new InjectionToken<() => Promise<boolean>>('AAL2_CHALLENGE');

/** True when the session signed in with a password only and the user has a verified factor to pass. */
export async function needsSecondFactor(auth: SupabaseAuthClient): Promise<boolean> {
  try {
    const { current, next } = await auth.assuranceLevels();
    return current === 'aal1' && next === 'aal2';
  } catch {
    // The API refuses what needs aal2 anyway; a failed read must not lock the user out of every page.
    return false;
  }
}

/** The code page matches only while a signed-in session still owes its second factor; else the user's next page. */
export const twoFactorPageGuard: CanMatchFn = (): Observable<true | UrlTree> => {
  const store = inject(Store);
  const router = inject(Router);
  const auth = inject(SupabaseAuthClient);
  return store.select(selectIsResolved).pipe(
    filter(Boolean),
    take(1),
    switchMap(() => store.select(selectNextStep).pipe(take(1))),
    switchMap(async (next) => {
      if (next === null) return router.parseUrl(NEXT_STEP_PATHS.login);
      return (await needsSecondFactor(auth)) ? true : router.parseUrl(NEXT_STEP_PATHS[next]);
    }),
  );
};

/**
 * Provides AAL2_CHALLENGE from a lazily loaded dialog opener (feature-auth's `openTwoFactorDialog`); concurrent
 * refusals share one dialog.
 */
export function provideTwoFactorChallenge(load: () => Promise<(injector: Injector) => Promise<boolean>>): Provider {
  return {
    provide: AAL2_CHALLENGE,
    useFactory: () => {
      const injector = inject(EnvironmentInjector);
      let pending: Promise<boolean> | null = null;
      return () =>
        (pending ??= load()
          .then((open) => open(injector))
          .finally(() => (pending = null)));
    },
  };
}
