import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { Observable, firstValueFrom, of, toArray } from 'rxjs';
import { FakeSupabaseAuthClient, makeAuthApiError, networkError } from '../testing';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import * as effects from './auth.effects';
import { toOAuthCallbackError } from './auth.errors';
import { authFeature, initialAuthState } from './auth.feature';
import { SupabaseAuthClient } from './supabase-auth.client';

describe('Google sign-in', () => {
  let auth: FakeSupabaseAuthClient;
  let actions$: Observable<Action>;

  beforeEach(() => {
    auth = new FakeSupabaseAuthClient();
    TestBed.configureTestingModule({ providers: [provideMockActions(() => actions$), { provide: SupabaseAuthClient, useValue: auth }] });
  });

  const all = <T>(effect: () => Observable<T>) => firstValueFrom(TestBed.runInInjectionContext(effect).pipe(toArray()));

  it('leaves for Google and dispatches nothing more', async () => {
    actions$ = of(AuthPageActions.googleSignInClicked());
    expect(await all(effects.signInWithGoogle$)).toEqual([]);
    expect(auth.leftForGoogle).toBe(1);
  });

  it('says so when the auth server cannot be reached', async () => {
    auth.failNextWith = networkError();
    actions$ = of(AuthPageActions.googleSignInClicked());
    expect(await all(effects.signInWithGoogle$)).toEqual([AuthApiActions.googleSignInFailed({ error: { code: 'network_error', message: "Can't reach the server. Check your connection and try again." } })]);
  });

  it("exchanges the callback's code: from there it is an ordinary sign-in", async () => {
    auth.oauthCodes.set('code-1', 'asha@gmail.com');
    actions$ = of(AuthPageActions.googleCallbackOpened({ code: 'code-1' }));
    expect(await all(effects.exchangeOAuthCode$)).toEqual([AuthApiActions.signInSucceeded({ email: 'asha@gmail.com' })]);
    expect(auth.session?.email).toBe('asha@gmail.com');
  });

  it('explains a spent code and a lost code verifier', async () => {
    actions$ = of(AuthPageActions.googleCallbackOpened({ code: 'spent' }));
    expect(await all(effects.exchangeOAuthCode$)).toEqual([AuthApiActions.googleSignInFailed({ error: { code: 'flow_state_not_found', message: 'This Google sign-in has expired or was already used. Start again.' } })]);
    auth.oauthCodes.set('code-2', 'a@b.co');
    auth.failNextWith = makeAuthApiError('pkce_code_verifier_not_found', 400);
    actions$ = of(AuthPageActions.googleCallbackOpened({ code: 'code-2' }));
    const [action] = await all(effects.exchangeOAuthCode$);
    expect(action).toEqual(AuthApiActions.googleSignInFailed({ error: { code: 'pkce_code_verifier_not_found', message: 'Google sign-in must finish in the browser that started it. Start again here.' } }));
  });

  it('maps the redirect errors: Cancel, a known error code, and an unknown one with its description', () => {
    expect(toOAuthCallbackError({ error: 'access_denied', errorCode: null, description: '' }).message).toBe('Google sign-in was cancelled. Try again, or log in with your email and password.');
    expect(toOAuthCallbackError({ error: 'invalid_request', errorCode: 'bad_oauth_state', description: 'OAuth state has expired' }).code).toBe('bad_oauth_state');
    expect(toOAuthCallbackError({ error: 'invalid_request', errorCode: 'something_new', description: 'Something new happened' })).toEqual({ code: 'something_new', message: 'Something new happened' });
    expect(toOAuthCallbackError({ error: 'server_error', errorCode: null, description: 'Unable to exchange external code: 4/0A' }).message).toBe('Google sign-in did not work. Try again in a moment.');
  });

  it('waits while leaving or exchanging, and shows a refusal', () => {
    const leaving = authFeature.reducer({ ...initialAuthState, status: 'signed-out' }, AuthPageActions.googleSignInClicked());
    expect(leaving.loading).toBe(true);
    const refused = authFeature.reducer(leaving, AuthPageActions.googleCallbackRefused({ error: { code: 'access_denied', message: 'cancelled' } }));
    expect(refused).toMatchObject({ loading: false, error: { code: 'access_denied' } });
  });
});
