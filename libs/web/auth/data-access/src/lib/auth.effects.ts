import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { NEXT_STEP_PATHS } from '@raptorflow/contracts';
import { Actions, ROOT_EFFECTS_INIT, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { EMPTY, catchError, exhaustMap, filter, from, map, of, switchMap, tap } from 'rxjs';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import { isSessionError, toAuthErrorView } from './auth.errors';
import { AuthApiService } from './auth-api.service';
import { takeReturnPath } from './auth-return';
import { selectStatus } from './auth.feature';
import { SupabaseAuthClient } from './supabase-auth.client';

export const restoreSession$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      exhaustMap(() =>
        from(auth.currentSession()).pipe(
          map((session) => (session ? AuthApiActions.sessionRestored({ email: session.email }) : AuthApiActions.sessionMissing())),
          catchError((error: unknown) => of(AuthApiActions.sessionRestoreFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const signUp$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.signUpSubmitted),
      exhaustMap(({ fullName, email, password }) =>
        from(auth.signUp({ fullName, email, password })).pipe(
          map((result) =>
            result.session ? AuthApiActions.signUpSucceeded({ email: result.session.email || result.email }) : AuthApiActions.signUpConfirmationRequired({ email: result.email }),
          ),
          catchError((error: unknown) => of(AuthApiActions.signUpFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const signIn$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.signInSubmitted),
      exhaustMap(({ email, password }) =>
        from(auth.signIn({ email, password })).pipe(
          map((session) => AuthApiActions.signInSucceeded({ email: session.email || email })),
          catchError((error: unknown) => {
            const view = toAuthErrorView(error);
            return of(view.code === 'email_not_confirmed' ? AuthApiActions.signInUnconfirmed({ email }) : AuthApiActions.signInFailed({ error: view }));
          }),
        ),
      ),
    ),
  { functional: true },
);

// The mailed link confirms the address and signs in; from there it is an ordinary sign-in.
export const openEmailLink$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.emailLinkOpened),
      exhaustMap(({ tokenHash, linkType }) =>
        from(auth.verifyEmailLink(tokenHash, linkType)).pipe(
          map((session) => (linkType === 'recovery' ? AuthApiActions.recoveryLinkOpened({ email: session.email }) : AuthApiActions.signInSucceeded({ email: session.email }))),
          catchError((error: unknown) => of(AuthApiActions.emailLinkFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// The browser leaves for Google; nothing to dispatch unless it could not leave.
export const signInWithGoogle$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.googleSignInClicked),
      exhaustMap(() =>
        from(auth.signInWithGoogle()).pipe(
          switchMap(() => EMPTY),
          catchError((error: unknown) => of(AuthApiActions.googleSignInFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// Passwordless: the mail carries a link (handled at /verify) and a code (typed on /login/code).
export const requestSignInLink$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.signInLinkRequested),
      exhaustMap(({ email }) =>
        from(auth.sendSignInLink(email)).pipe(
          map(() => AuthApiActions.signInLinkSent({ email })),
          catchError((error: unknown) => of(AuthApiActions.signInLinkFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// Back from Google with a code: once exchanged it is an ordinary sign-in (profile, then the user's next page).
export const exchangeOAuthCode$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.googleCallbackOpened),
      exhaustMap(({ code }) =>
        from(auth.exchangeOAuthCode(code)).pipe(
          map((session) => AuthApiActions.signInSucceeded({ email: session.email })),
          catchError((error: unknown) => of(AuthApiActions.googleSignInFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

const WRONG_CODE = 'That code is wrong or has expired. Check the latest email, or send a new code.';

export const signInWithCode$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.signInCodeSubmitted),
      exhaustMap(({ email, code }) =>
        from(auth.verifyEmailCode(email, code)).pipe(
          map((session) => AuthApiActions.signInSucceeded({ email: session.email || email })),
          catchError((error: unknown) => {
            const view = toAuthErrorView(error);
            return of(AuthApiActions.signInFailed({ error: view.code === 'otp_expired' ? { ...view, message: WRONG_CODE } : view }));
          }),
        ),
      ),
    ),
  { functional: true },
);

// The code page keeps the address in its URL, so a reload still knows where the code went.
export const navigateToSignInCode$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signInLinkSent),
      tap(({ email }) => void router.navigate(['/login/code'], { queryParams: { email } })),
    ),
  { functional: true, dispatch: false },
);

export const resendConfirmation$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.resendConfirmationClicked),
      exhaustMap(({ email }) =>
        from(auth.resendConfirmation(email)).pipe(
          map(() => AuthApiActions.confirmationResent()),
          catchError((error: unknown) => of(AuthApiActions.confirmationResendFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const requestPasswordReset$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.passwordResetRequested),
      exhaustMap(({ email }) =>
        from(auth.requestPasswordReset(email)).pipe(
          map(() => AuthApiActions.passwordResetMailSent()),
          catchError((error: unknown) => of(AuthApiActions.passwordResetFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// The new password is set; from there it is an ordinary sign-in (profile, then the user's next page).
export const setNewPassword$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.newPasswordSubmitted),
      exhaustMap(({ password }) =>
        from(auth.updatePassword(password)).pipe(
          map((session) => AuthApiActions.signInSucceeded({ email: session.email })),
          catchError((error: unknown) => of(AuthApiActions.passwordResetFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const navigateToNewPassword$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.recoveryLinkOpened),
      tap(() => void router.navigateByUrl('/reset-password')),
    ),
  { functional: true, dispatch: false },
);

// An address still to confirm: the page that says what to do (the address in the URL survives a reload).
export const navigateToUnconfirmed$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signUpConfirmationRequired, AuthApiActions.signInUnconfirmed),
      tap(({ email }) => void router.navigate(['/unconfirmed'], { queryParams: { email } })),
    ),
  { functional: true, dispatch: false },
);

export const ensureProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(AuthApiActions.signUpSucceeded, AuthApiActions.signInSucceeded),
      switchMap(() =>
        api.ensureProfile().pipe(
          map((profile) => AuthApiActions.profileEnsured({ profile })),
          catchError((error: unknown) => of(AuthApiActions.profileLoadFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const verifyProfile$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(AuthApiActions.sessionRestored),
      switchMap(() =>
        api.verifyProfile().pipe(
          map((profile) => AuthApiActions.profileVerified({ profile })),
          catchError((error: unknown) => of(AuthApiActions.profileLoadFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const navigateAfterSignIn$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.profileEnsured),
      // An invitation's page the user left to sign up or in comes first (auth-return.ts).
      tap(({ profile }) => void router.navigateByUrl(takeReturnPath() ?? NEXT_STEP_PATHS[profile.next])),
    ),
  { functional: true, dispatch: false },
);

// The switcher's list, kept in step with the profile (sign-in, a switch, an accepted invitation, a rename).
export const loadWorkspaces$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(AuthApiActions.profileEnsured, AuthApiActions.profileVerified, AuthApiActions.workspaceSwitched),
      switchMap(() =>
        api.workspaces().pipe(
          map((workspaces) => AuthApiActions.workspacesLoaded({ workspaces })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const switchWorkspace$ = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(AuthPageActions.workspaceChosen),
      exhaustMap(({ workspaceId }) =>
        api.switchWorkspace(workspaceId).pipe(
          map((profile) => AuthApiActions.workspaceSwitched({ profile })),
          catchError((error: unknown) => of(AuthApiActions.workspaceSwitchFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// In another workspace the user starts where its `next` says (payment, onboarding or the dashboard).
export const navigateAfterWorkspaceSwitch$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.workspaceSwitched),
      tap(({ profile }) => void router.navigateByUrl(NEXT_STEP_PATHS[profile.next])),
    ),
  { functional: true, dispatch: false },
);

export const signOut$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthPageActions.signOutClicked),
      exhaustMap(() =>
        from(auth.signOut()).pipe(
          map(() => AuthApiActions.signOutSucceeded()),
          catchError((error: unknown) => of(AuthApiActions.signOutFailed({ error: toAuthErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const navigateAfterSignOut$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signOutSucceeded, AuthApiActions.sessionEnded),
      tap(() => void router.navigateByUrl(NEXT_STEP_PATHS.login)),
    ),
  { functional: true, dispatch: false },
);

// A session that died on the API side (401 after one refresh) is dropped locally as well.
export const dropDeadSession$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient)) =>
    actions$.pipe(
      ofType(AuthApiActions.profileLoadFailed),
      filter(({ error }) => isSessionError(error)),
      exhaustMap(() => from(auth.signOut()).pipe(catchError(() => EMPTY))),
    ),
  { functional: true, dispatch: false },
);

// Refreshes and sign-outs that happen outside our actions (timer refresh, another tab, a failed refresh).
export const authStateChanges$ = createEffect(
  (actions$ = inject(Actions), auth = inject(SupabaseAuthClient), store = inject(Store)) =>
    actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      exhaustMap(() => auth.events().pipe(catchError(() => EMPTY))),
      concatLatestFrom(() => store.select(selectStatus)),
      map(([{ event, session }, status]) => {
        if (event === 'TOKEN_REFRESHED' && session) return AuthApiActions.tokenRefreshed({ email: session.email });
        if (event === 'SIGNED_OUT' && status === 'signed-in') return AuthApiActions.sessionEnded();
        return null;
      }),
      filter((action) => action !== null),
    ),
  { functional: true },
);
