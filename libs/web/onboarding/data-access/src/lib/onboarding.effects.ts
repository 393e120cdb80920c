import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { NEXT_STEP_PATHS } from '@raptorflow/contracts';
import { AuthApiActions, AuthApiService } from '@raptorflow/web-auth-data-access';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, exhaustMap, fromEvent, map, of, race, switchMap, take, tap, timer } from 'rxjs';
import { OnboardingApiService } from './onboarding-api.service';
import { OnboardingApiActions, OnboardingConnectivityActions, OnboardingPageActions } from './onboarding.actions';
import { fieldErrorsOf, isRetryable, toOnboardingErrorView } from './onboarding.errors';
import { SAVE_RETRY_MS } from './save-retry.token';

export const loadState$ = createEffect(
  (actions$ = inject(Actions), api = inject(OnboardingApiService)) =>
    actions$.pipe(
      ofType(OnboardingPageActions.opened),
      switchMap(() =>
        api.state().pipe(
          map((state) => OnboardingApiActions.stateLoaded({ state })),
          catchError((error: unknown) => of(OnboardingApiActions.stateLoadFailed({ error: toOnboardingErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

// In order: a draft save must never land after (and undo) the completing save of the same step.
export const saveStep$ = createEffect(
  (actions$ = inject(Actions), api = inject(OnboardingApiService)) =>
    actions$.pipe(
      ofType(OnboardingPageActions.answersChanged, OnboardingPageActions.stepSubmitted, OnboardingConnectivityActions.retryDue),
      concatMap(({ save }) =>
        api.saveStep(save.stepId, { answers: save.answers, complete: save.complete }).pipe(
          map((response) => OnboardingApiActions.stepSaved({ response, save })),
          catchError((error: unknown) => {
            if (isRetryable(error)) return of(OnboardingApiActions.stepSaveOffline({ save }));
            const errors = fieldErrorsOf(error);
            if (errors) return of(OnboardingApiActions.stepRejected({ stepId: save.stepId, errors, error: toOnboardingErrorView(error) }));
            return of(OnboardingApiActions.stepSaveFailed({ error: toOnboardingErrorView(error) }));
          }),
        ),
      ),
    ),
  { functional: true },
);

// Only the latest unsent save is retried: it carries everything typed since.
export const retryWhenOnline$ = createEffect(
  (actions$ = inject(Actions), retryMs = inject(SAVE_RETRY_MS)) =>
    actions$.pipe(
      ofType(OnboardingApiActions.stepSaveOffline),
      switchMap(({ save }) => race(fromEvent(window, 'online'), timer(retryMs)).pipe(take(1), map(() => OnboardingConnectivityActions.retryDue({ save })))),
    ),
  { functional: true },
);

export const goToNextStep$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(OnboardingApiActions.stepSaved),
      tap(({ save }) => {
        if (save.next) void router.navigate(['/onboarding'], { queryParams: { step: save.next } });
      }),
    ),
  { functional: true, dispatch: false },
);

export const finalize$ = createEffect(
  (actions$ = inject(Actions), api = inject(OnboardingApiService)) =>
    actions$.pipe(
      ofType(OnboardingPageActions.finalizeClicked),
      exhaustMap(() =>
        api.finalize().pipe(
          map((response) => OnboardingApiActions.finalized({ response })),
          catchError((error: unknown) => {
            const errors = fieldErrorsOf(error);
            const view = toOnboardingErrorView(error);
            return of(errors ? OnboardingApiActions.finalizeRejected({ errors, error: view }) : OnboardingApiActions.finalizeFailed({ error: view }));
          }),
        ),
      ),
    ),
  { functional: true },
);

// Onboarding is complete: reload the profile first so the guards let the user into the app.
export const refreshProfileAfterFinalize$ = createEffect(
  (actions$ = inject(Actions), auth = inject(AuthApiService)) =>
    actions$.pipe(
      ofType(OnboardingApiActions.finalized),
      exhaustMap(() =>
        auth.verifyProfile().pipe(
          switchMap((profile) => of(AuthApiActions.profileVerified({ profile }), OnboardingApiActions.profileRefreshed({ next: profile.next }))),
          catchError((error: unknown) => of(OnboardingApiActions.finalizeFailed({ error: toOnboardingErrorView(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const enterApp$ = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(OnboardingApiActions.profileRefreshed),
      tap(({ next }) => void router.navigateByUrl(NEXT_STEP_PATHS[next])),
    ),
  { functional: true, dispatch: false },
);
