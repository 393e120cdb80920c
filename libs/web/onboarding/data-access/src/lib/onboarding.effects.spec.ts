import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NavigationCancel, NavigationEnd, NavigationError, Router, provideRouter } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { AuthApiActions } from '@raptorflow/web-auth-data-access';
import { Observable, filter, firstValueFrom, of, take, toArray } from 'rxjs';
import { makeOnboardingState } from '../testing';
import { OnboardingApiActions, OnboardingConnectivityActions, OnboardingPageActions, type StepSave } from './onboarding.actions';
import * as effects from './onboarding.effects';
import { SAVE_RETRY_MS } from './save-retry.token';

// Resolves when the router's next navigation has ended, whichever way.
const navigationSettled = () =>
  firstValueFrom(TestBed.inject(Router).events.pipe(filter((e) => e instanceof NavigationEnd || e instanceof NavigationCancel || e instanceof NavigationError)));

@Component({ template: '' })
class BlankPage {}

const save: StepSave = { stepId: 'company', answers: { companyName: 'Ledgerly', industry: 'fintech' }, complete: true, next: 'stage' };

describe('onboarding effects', () => {
  let actions$: Observable<Action>;
  let http: HttpTestingController;

  function setup(retryMs: number) {
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: BlankPage }]),
        { provide: SAVE_RETRY_MS, useValue: retryMs },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  }

  beforeEach(() => setup(5));

  function collect<T>(effect: () => Observable<T>): Promise<T[]> {
    return firstValueFrom(TestBed.runInInjectionContext(effect).pipe(toArray()));
  }

  it('saves a step and reports the new state', async () => {
    actions$ = of(OnboardingPageActions.stepSubmitted({ save }));
    const result = collect(effects.saveStep$);
    const request = http.expectOne('/api/v1/onboarding/steps/company');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ answers: save.answers, complete: true });
    const response = { stepId: 'company' as const, completed: true, state: makeOnboardingState(['company']) };
    request.flush(response);
    expect(await result).toEqual([OnboardingApiActions.stepSaved({ response, save })]);
  });

  it('maps server field errors back to the step', async () => {
    actions$ = of(OnboardingPageActions.stepSubmitted({ save }));
    const result = collect(effects.saveStep$);
    const errors = [{ path: 'company.website', stepId: 'company', field: 'website', message: 'Must be a valid URL' }];
    http.expectOne('/api/v1/onboarding/steps/company').flush({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Check', details: { errors } }, { status: 400, statusText: 'Bad Request' });
    expect(await result).toEqual([OnboardingApiActions.stepRejected({ stepId: 'company', errors, error: { code: 'VALIDATION_FAILED', message: 'Check' } })]);
  });

  it('keeps a save that could not reach the server and retries it', async () => {
    actions$ = of(OnboardingPageActions.answersChanged({ save }));
    const result = collect(effects.saveStep$);
    http.expectOne('/api/v1/onboarding/steps/company').error(new ProgressEvent('error'), { status: 0 });
    expect(await result).toEqual([OnboardingApiActions.stepSaveOffline({ save })]);

    actions$ = of(OnboardingApiActions.stepSaveOffline({ save }));
    const retried = await firstValueFrom(TestBed.runInInjectionContext(effects.retryWhenOnline$).pipe(take(1)));
    expect(retried).toEqual(OnboardingConnectivityActions.retryDue({ save }));
  });

  it('retries at once when the browser comes back online', async () => {
    TestBed.resetTestingModule();
    setup(60_000);
    actions$ = of(OnboardingApiActions.stepSaveOffline({ save }));
    const retried = firstValueFrom(TestBed.runInInjectionContext(effects.retryWhenOnline$).pipe(take(1)));
    window.dispatchEvent(new Event('online'));
    expect(await retried).toEqual(OnboardingConnectivityActions.retryDue({ save }));
  });

  it('moves to the next step after a completing save', async () => {
    actions$ = of(OnboardingApiActions.stepSaved({ response: { stepId: 'company', completed: true, state: makeOnboardingState(['company']) }, save }));
    const navigated = navigationSettled();
    await collect(effects.goToNextStep$);
    await navigated;
    expect(TestBed.inject(Router).url).toBe('/onboarding?step=stage');
  });

  it('lists missing steps when finalize is refused', async () => {
    actions$ = of(OnboardingPageActions.finalizeClicked());
    const result = collect(effects.finalize$);
    const errors = [{ path: 'goals', stepId: 'goals', field: '', message: 'The "90-day goal" step is not answered' }];
    http.expectOne('/api/v1/onboarding/finalize').flush({ statusCode: 400, code: 'ANSWERS_INCOMPLETE', message: 'Finish these steps', details: { errors } }, { status: 400, statusText: 'Bad Request' });
    expect(await result).toEqual([OnboardingApiActions.finalizeRejected({ errors, error: { code: 'ANSWERS_INCOMPLETE', message: 'Finish these steps' } })]);
  });

  it('reloads the profile after finalize, then enters the app', async () => {
    const state = makeOnboardingState();
    actions$ = of(OnboardingApiActions.finalized({ response: { contextVersion: 1, state } }));
    const result = collect(effects.refreshProfileAfterFinalize$);
    const profile = { next: 'app' } as VerifyProfileResponse;
    http.expectOne('/api/v1/auth/verify-profile').flush(profile);
    expect(await result).toEqual([AuthApiActions.profileVerified({ profile }), OnboardingApiActions.profileRefreshed({ next: 'app' })]);

    actions$ = of(OnboardingApiActions.profileRefreshed({ next: 'app' }));
    const navigated = navigationSettled();
    await collect(effects.enterApp$);
    await navigated;
    expect(TestBed.inject(Router).url).toBe('/app/dashboard');
  });
});
