import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NavigationCancel, NavigationEnd, NavigationError, Router, provideRouter } from '@angular/router';
import { ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { provideMockStore } from '@ngrx/store/testing';
import { Observable, ReplaySubject, filter, firstValueFrom, of, take, toArray } from 'rxjs';
import { FakeSupabaseAuthClient, makeAuthApiError, makeProfileResponse, networkError } from '../testing';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import * as effects from './auth.effects';
import { initialAuthState } from './auth.feature';
import { SupabaseAuthClient } from './supabase-auth.client';

// Resolves when the router's next navigation has ended, whichever way.
const navigationSettled = () =>
  firstValueFrom(TestBed.inject(Router).events.pipe(filter((e) => e instanceof NavigationEnd || e instanceof NavigationCancel || e instanceof NavigationError)));

@Component({ template: '' })
class BlankPage {}

describe('auth effects', () => {
  let auth: FakeSupabaseAuthClient;
  let actions$: Observable<Action>;

  function setup(status: 'unknown' | 'signed-out' | 'signed-in' = 'unknown') {
    auth = new FakeSupabaseAuthClient();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: { auth: { ...initialAuthState, status } } }),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: BlankPage }]),
        { provide: SupabaseAuthClient, useValue: auth },
      ],
    });
  }

  function run<T>(effect: () => Observable<T>): Promise<T> {
    return firstValueFrom(TestBed.runInInjectionContext(effect));
  }

  describe('session restore on app start', () => {
    beforeEach(() => setup());

    it('reports a stored session', async () => {
      auth.session = { email: 'a@b.co', accessToken: 't' };
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      expect(await run(effects.restoreSession$)).toEqual(AuthApiActions.sessionRestored({ email: 'a@b.co' }));
    });

    it('reports no session', async () => {
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      expect(await run(effects.restoreSession$)).toEqual(AuthApiActions.sessionMissing());
    });

    it('reports an unreachable server as a failure with a message', async () => {
      auth.failNextWith = networkError();
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      const action = await run(effects.restoreSession$);
      expect(action).toEqual(AuthApiActions.sessionRestoreFailed({ error: { code: 'network_error', message: "Can't reach the server. Check your connection and try again." } }));
    });
  });

  describe('sign-up', () => {
    beforeEach(() => setup('signed-out'));
    const submit = AuthPageActions.signUpSubmitted({ fullName: 'Asha', email: 'asha@example.com', password: 'long-enough' });

    it('signs the new user in', async () => {
      actions$ = of(submit);
      expect(await run(effects.signUp$)).toEqual(AuthApiActions.signUpSucceeded({ email: 'asha@example.com' }));
      expect(auth.users.get('asha@example.com')?.fullName).toBe('Asha');
    });

    it('asks for email confirmation when no session comes back', async () => {
      auth.confirmEmails = true;
      actions$ = of(submit);
      expect(await run(effects.signUp$)).toEqual(AuthApiActions.signUpConfirmationRequired({ email: 'asha@example.com' }));
    });

    it('explains a taken email', async () => {
      auth.users.set('asha@example.com', { password: 'x', fullName: 'Asha', confirmed: true });
      actions$ = of(submit);
      expect(await run(effects.signUp$)).toEqual(
        AuthApiActions.signUpFailed({ error: { code: 'user_already_exists', message: 'An account with this email already exists. Log in instead.' } }),
      );
    });

    it('ignores a double submit while the first is in flight, then accepts the next one', async () => {
      actions$ = of(submit, submit);
      const first = await firstValueFrom(TestBed.runInInjectionContext(() => effects.signUp$().pipe(toArray())));
      expect(first).toEqual([AuthApiActions.signUpSucceeded({ email: 'asha@example.com' })]);

      actions$ = of(submit);
      expect(await run(effects.signUp$)).toEqual(
        AuthApiActions.signUpFailed({ error: { code: 'user_already_exists', message: 'An account with this email already exists. Log in instead.' } }),
      );
    });
  });

  describe('sign-in', () => {
    beforeEach(() => {
      setup('signed-out');
      auth.users.set('asha@example.com', { password: 'long-enough', fullName: 'Asha', confirmed: true });
    });

    it('signs in with the right password', async () => {
      actions$ = of(AuthPageActions.signInSubmitted({ email: 'asha@example.com', password: 'long-enough' }));
      expect(await run(effects.signIn$)).toEqual(AuthApiActions.signInSucceeded({ email: 'asha@example.com' }));
      expect(auth.session?.email).toBe('asha@example.com');
    });

    it('says "Wrong email or password" otherwise', async () => {
      actions$ = of(AuthPageActions.signInSubmitted({ email: 'asha@example.com', password: 'wrong-one' }));
      expect(await run(effects.signIn$)).toEqual(AuthApiActions.signInFailed({ error: { code: 'invalid_credentials', message: 'Wrong email or password' } }));
    });

    it('sends an address still to confirm to the page that says what to do', async () => {
      auth.users.set('new@example.com', { password: 'long-enough', fullName: 'New', confirmed: false });
      actions$ = of(AuthPageActions.signInSubmitted({ email: 'new@example.com', password: 'long-enough' }));
      expect(await run(effects.signIn$)).toEqual(AuthApiActions.signInUnconfirmed({ email: 'new@example.com' }));
      actions$ = of(AuthApiActions.signInUnconfirmed({ email: 'new@example.com' }));
      await run(effects.navigateToUnconfirmed$);
      await new Promise((resolve) => setTimeout(resolve));
      expect(TestBed.inject(Router).url).toBe('/unconfirmed?email=new@example.com');
    });
  });

  describe('password recovery', () => {
    beforeEach(() => {
      setup('signed-out');
      auth.users.set('asha@example.com', { password: 'long-enough', fullName: 'Asha', confirmed: true });
    });

    it('mails the link, opens it to the new-password page, and the new password signs in', async () => {
      actions$ = of(AuthPageActions.passwordResetRequested({ email: 'asha@example.com' }));
      expect(await run(effects.requestPasswordReset$)).toEqual(AuthApiActions.passwordResetMailSent());

      actions$ = of(AuthPageActions.emailLinkOpened({ tokenHash: 'recovery-asha@example.com', linkType: 'recovery' }));
      expect(await run(effects.openEmailLink$)).toEqual(AuthApiActions.recoveryLinkOpened({ email: 'asha@example.com' }));
      actions$ = of(AuthApiActions.recoveryLinkOpened({ email: 'asha@example.com' }));
      await run(effects.navigateToNewPassword$);
      await new Promise((resolve) => setTimeout(resolve));
      expect(TestBed.inject(Router).url).toBe('/reset-password');

      actions$ = of(AuthPageActions.newPasswordSubmitted({ password: 'long-enough' }));
      expect(await run(effects.setNewPassword$)).toEqual(
        AuthApiActions.passwordResetFailed({ error: { code: 'same_password', message: 'Choose a password different from your current one.' } }),
      );
      actions$ = of(AuthPageActions.newPasswordSubmitted({ password: 'another-one' }));
      expect(await run(effects.setNewPassword$)).toEqual(AuthApiActions.signInSucceeded({ email: 'asha@example.com' }));
      expect(auth.users.get('asha@example.com')?.password).toBe('another-one');
    });
  });

  describe('passwordless sign-in', () => {
    beforeEach(() => {
      setup('signed-out');
      auth.users.set('asha@example.com', { password: 'long-enough', fullName: 'Asha', confirmed: true });
    });

    it('mails a link and a code, goes to the code page, and the code signs in once', async () => {
      actions$ = of(AuthPageActions.signInLinkRequested({ email: 'asha@example.com' }));
      expect(await run(effects.requestSignInLink$)).toEqual(AuthApiActions.signInLinkSent({ email: 'asha@example.com' }));
      actions$ = of(AuthApiActions.signInLinkSent({ email: 'asha@example.com' }));
      await run(effects.navigateToSignInCode$);
      await new Promise((resolve) => setTimeout(resolve));
      expect(TestBed.inject(Router).url).toBe('/login/code?email=asha@example.com');

      const code = auth.codes.get('asha@example.com') as string;
      actions$ = of(AuthPageActions.signInCodeSubmitted({ email: 'asha@example.com', code }));
      expect(await run(effects.signInWithCode$)).toEqual(AuthApiActions.signInSucceeded({ email: 'asha@example.com' }));
      expect(await run(effects.signInWithCode$)).toEqual(
        AuthApiActions.signInFailed({ error: { code: 'otp_expired', message: 'That code is wrong or has expired. Check the latest email, or send a new code.' } }),
      );
    });

    it('the mailed link signs in like any other', async () => {
      await auth.sendSignInLink('asha@example.com');
      actions$ = of(AuthPageActions.emailLinkOpened({ tokenHash: 'magiclink-asha@example.com', linkType: 'magiclink' }));
      expect(await run(effects.openEmailLink$)).toEqual(AuthApiActions.signInSucceeded({ email: 'asha@example.com' }));
    });

    it('says an unknown address needs an account, and reports the rate limit', async () => {
      actions$ = of(AuthPageActions.signInLinkRequested({ email: 'nobody@example.com' }));
      expect(await run(effects.requestSignInLink$)).toEqual(
        AuthApiActions.signInLinkFailed({ error: { code: 'otp_disabled', message: 'No account uses this email. Create an account first.' } }),
      );
      auth.failNextWith = makeAuthApiError('over_email_send_rate_limit', 429);
      actions$ = of(AuthPageActions.signInLinkRequested({ email: 'asha@example.com' }));
      expect(await run(effects.requestSignInLink$)).toEqual(
        AuthApiActions.signInLinkFailed({ error: { code: 'over_email_send_rate_limit', message: 'Too many emails sent. Wait a few minutes and try again.' } }),
      );
    });
  });

  describe('e-mail confirmation', () => {
    beforeEach(() => setup('signed-out'));

    it('opens the mailed link once: it signs in, and a second use says the link has expired', async () => {
      auth.confirmEmails = true;
      await auth.signUp({ fullName: 'Asha', email: 'asha@example.com', password: 'long-enough' });
      const opened = AuthPageActions.emailLinkOpened({ tokenHash: 'link-asha@example.com', linkType: 'signup' });
      actions$ = of(opened);
      expect(await run(effects.openEmailLink$)).toEqual(AuthApiActions.signInSucceeded({ email: 'asha@example.com' }));
      actions$ = of(opened);
      expect(await run(effects.openEmailLink$)).toEqual(
        AuthApiActions.emailLinkFailed({ error: { code: 'otp_expired', message: 'This link has expired or was already used. Log in, or ask for a new link.' } }),
      );
    });

    it('resends the confirmation, and reports the rate limit', async () => {
      actions$ = of(AuthPageActions.resendConfirmationClicked({ email: 'asha@example.com' }));
      expect(await run(effects.resendConfirmation$)).toEqual(AuthApiActions.confirmationResent());
      expect(auth.resent).toEqual(['asha@example.com']);
      auth.failNextWith = Object.assign(new Error('x'), { name: 'AuthApiError', code: 'over_email_send_rate_limit', status: 429 });
      actions$ = of(AuthPageActions.resendConfirmationClicked({ email: 'asha@example.com' }));
      expect(await run(effects.resendConfirmation$)).toEqual(
        AuthApiActions.confirmationResendFailed({ error: { code: 'over_email_send_rate_limit', message: 'Too many emails sent. Wait a few minutes and try again.' } }),
      );
    });
  });

  describe('profile load', () => {
    beforeEach(() => setup('signed-in'));

    it('ensures the profile after sign-in', async () => {
      actions$ = of(AuthApiActions.signInSucceeded({ email: 'a@b.co' }));
      const result = run(effects.ensureProfile$);
      const request = TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/ensure-profile');
      expect(request.request.method).toBe('POST');
      request.flush(makeProfileResponse('payment'));
      expect(await result).toEqual(AuthApiActions.profileEnsured({ profile: makeProfileResponse('payment') }));
    });

    it('verifies the profile on session restore', async () => {
      actions$ = of(AuthApiActions.sessionRestored({ email: 'a@b.co' }));
      const result = run(effects.verifyProfile$);
      TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/verify-profile').flush(makeProfileResponse('onboarding'));
      expect(await result).toEqual(AuthApiActions.profileVerified({ profile: makeProfileResponse('onboarding') }));
    });

    it('turns an API error into a message', async () => {
      actions$ = of(AuthApiActions.sessionRestored({ email: 'a@b.co' }));
      const result = run(effects.verifyProfile$);
      TestBed.inject(HttpTestingController)
        .expectOne('/api/v1/auth/verify-profile')
        .flush({ statusCode: 401, code: 'TOKEN_EXPIRED', message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
      expect(await result).toEqual(AuthApiActions.profileLoadFailed({ error: { code: 'TOKEN_EXPIRED', message: 'Your session has ended. Log in again.' } }));
    });
  });

  describe('navigation', () => {
    beforeEach(() => setup('signed-in'));

    it('goes to the page the ensured profile names', async () => {
      actions$ = of(AuthApiActions.profileEnsured({ profile: makeProfileResponse('onboarding') }));
      const navigated = navigationSettled();
      await run(effects.navigateAfterSignIn$);
      await navigated;
      expect(TestBed.inject(Router).url).toBe('/onboarding');
    });

    it('goes to the login page after sign-out', async () => {
      auth.session = { email: 'a@b.co', accessToken: 't' };
      actions$ = of(AuthPageActions.signOutClicked());
      expect(await run(effects.signOut$)).toEqual(AuthApiActions.signOutSucceeded());
      expect(auth.session).toBeNull();

      actions$ = of(AuthApiActions.signOutSucceeded());
      const navigated = navigationSettled();
      await run(effects.navigateAfterSignOut$);
      await navigated;
      expect(TestBed.inject(Router).url).toBe('/login');
    });
  });

  describe('supabase auth events', () => {
    it('reports a refreshed token and a sign-out that happened elsewhere', async () => {
      setup('signed-in');
      const events = new ReplaySubject<{ event: 'TOKEN_REFRESHED' | 'SIGNED_OUT' | 'INITIAL_SESSION'; session: { email: string; accessToken: string } | null }>();
      auth.events = () => events.asObservable();
      events.next({ event: 'INITIAL_SESSION', session: { email: 'a@b.co', accessToken: 't1' } });
      events.next({ event: 'TOKEN_REFRESHED', session: { email: 'a@b.co', accessToken: 't2' } });
      events.next({ event: 'SIGNED_OUT', session: null });
      actions$ = of({ type: ROOT_EFFECTS_INIT });
      const results = await firstValueFrom(TestBed.runInInjectionContext(() => effects.authStateChanges$().pipe(take(2), toArray())));
      expect(results).toEqual([AuthApiActions.tokenRefreshed({ email: 'a@b.co' }), AuthApiActions.sessionEnded()]);
    });
  });
});
