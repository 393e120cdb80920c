import { makeProfileResponse } from '../testing';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import { type AuthState, authFeature, initialAuthState, selectIsResolved, selectNextPath } from './auth.feature';

const { reducer } = authFeature;
const wrongPassword = { code: 'invalid_credentials', message: 'Wrong email or password' };

function reduce(...actions: Parameters<typeof reducer>[1][]): AuthState {
  return actions.reduce((state, action) => reducer(state, action), initialAuthState);
}

describe('auth reducer', () => {
  it('starts unknown until the session restore answers', () => {
    expect(reduce().status).toBe('unknown');
    expect(reduce(AuthApiActions.sessionMissing()).status).toBe('signed-out');
  });

  it('keeps loading after sign-in until the profile is there', () => {
    const signedIn = reduce(AuthPageActions.signInSubmitted({ email: 'a@b.co', password: 'secret123' }), AuthApiActions.signInSucceeded({ email: 'a@b.co' }));
    expect(signedIn).toMatchObject({ status: 'signed-in', email: 'a@b.co', loading: true, profile: null });

    const loaded = reducer(signedIn, AuthApiActions.profileEnsured({ profile: makeProfileResponse('payment') }));
    expect(loaded).toMatchObject({ status: 'signed-in', loading: false, error: null });
    expect(loaded.profile?.next).toBe('payment');
  });

  it('stores a failed sign-in as a visible error and clears it on the next submit', () => {
    const failed = reduce(AuthPageActions.signInSubmitted({ email: 'a@b.co', password: 'nope' }), AuthApiActions.signInFailed({ error: wrongPassword }));
    expect(failed).toMatchObject({ status: 'unknown', loading: false, error: wrongPassword });
    expect(reducer(failed, AuthPageActions.signInSubmitted({ email: 'a@b.co', password: 'x' })).error).toBeNull();
  });

  it("keeps the error a page showed when the start-up session check answers after it (Google's refusal on /auth/callback)", () => {
    const refused = { code: 'access_denied', message: 'Google sign-in was cancelled.' };
    const state = reduce(AuthPageActions.opened(), AuthPageActions.googleCallbackRefused({ error: refused }), AuthApiActions.sessionMissing());
    expect(state).toMatchObject({ status: 'signed-out', error: refused });
    expect(reducer(state, AuthApiActions.signOutSucceeded()).error).toBeNull();
  });

  it('clears a previous page error when a page opens', () => {
    const failed = reduce(AuthApiActions.sessionMissing(), AuthApiActions.signInFailed({ error: wrongPassword }));
    expect(reducer(failed, AuthPageActions.opened()).error).toBeNull();
  });

  it('stays signed out and stops loading when sign-up or log-in needs the email confirmed first', () => {
    const signedUp = reduce(AuthPageActions.signUpSubmitted({ fullName: 'A', email: 'a@b.co', password: 'secret123' }), AuthApiActions.signUpConfirmationRequired({ email: 'a@b.co' }));
    expect(signedUp).toMatchObject({ status: 'signed-out', loading: false, error: null });
    const loggedIn = reduce(AuthPageActions.signInSubmitted({ email: 'a@b.co', password: 'secret123' }), AuthApiActions.signInUnconfirmed({ email: 'a@b.co' }));
    expect(loggedIn).toMatchObject({ status: 'signed-out', loading: false, error: null });
  });

  it('a recovery link signs in without a profile, so nothing waits for one', () => {
    const state = reduce(AuthApiActions.sessionMissing(), AuthPageActions.emailLinkOpened({ tokenHash: 'h', linkType: 'recovery' }), AuthApiActions.recoveryLinkOpened({ email: 'a@b.co' }));
    expect(state).toMatchObject({ status: 'signed-in', email: 'a@b.co', loading: false, profile: null });
  });

  it('marks the confirmation as resent, and keeps a resend error for the page', () => {
    const resent = reduce(AuthApiActions.sessionMissing(), AuthPageActions.resendConfirmationClicked({ email: 'a@b.co' }), AuthApiActions.confirmationResent());
    expect(resent).toMatchObject({ loading: false, mailSent: true });
    const limited = { code: 'over_email_send_rate_limit', message: 'Too many emails sent. Wait a few minutes and try again.' };
    const failed = reduce(AuthApiActions.sessionMissing(), AuthPageActions.resendConfirmationClicked({ email: 'a@b.co' }), AuthApiActions.confirmationResendFailed({ error: limited }));
    expect(failed).toMatchObject({ loading: false, mailSent: false, error: limited });
  });

  it('signs out on a session error from the profile load, but keeps the session on other failures', () => {
    const restoring = reduce(AuthApiActions.sessionRestored({ email: 'a@b.co' }));
    const expired = reducer(restoring, AuthApiActions.profileLoadFailed({ error: { code: 'TOKEN_EXPIRED', message: 'Your session has ended. Log in again.' } }));
    expect(expired).toMatchObject({ status: 'signed-out', email: null, error: { code: 'TOKEN_EXPIRED' } });

    const offline = reducer(restoring, AuthApiActions.profileLoadFailed({ error: { code: 'network_error', message: "Can't reach the server." } }));
    expect(offline).toMatchObject({ status: 'signed-in', profile: null, loading: false, error: { code: 'network_error' } });
  });

  it('forgets the user and profile on sign-out and on a session ended elsewhere', () => {
    const loaded = reduce(AuthApiActions.sessionRestored({ email: 'a@b.co' }), AuthApiActions.profileVerified({ profile: makeProfileResponse('app') }));
    expect(reducer(loaded, AuthApiActions.signOutSucceeded())).toEqual({ ...initialAuthState, status: 'signed-out' });
    expect(reducer(loaded, AuthApiActions.sessionEnded())).toEqual({ ...initialAuthState, status: 'signed-out' });
  });

  it('ignores a token refresh while signed out', () => {
    const signedOut = reduce(AuthApiActions.sessionMissing());
    expect(reducer(signedOut, AuthApiActions.tokenRefreshed({ email: 'a@b.co' }))).toBe(signedOut);
  });
});

describe('auth selectors', () => {
  const state = (auth: AuthState) => ({ auth });

  it('is resolved only once the session restore and the profile load are done', () => {
    expect(selectIsResolved(state(reduce()))).toBe(false);
    expect(selectIsResolved(state(reduce(AuthApiActions.sessionRestored({ email: 'a@b.co' }))))).toBe(false);
    expect(selectIsResolved(state(reduce(AuthApiActions.sessionRestored({ email: 'a@b.co' }), AuthApiActions.profileVerified({ profile: makeProfileResponse() }))))).toBe(true);
    expect(selectIsResolved(state(reduce(AuthApiActions.sessionMissing())))).toBe(true);
  });

  it.each([
    ['payment', '/onboarding/payment'],
    ['onboarding', '/onboarding'],
    ['app', '/app/dashboard'],
  ] as const)('sends a user whose next step is %s to %s', (next, path) => {
    const loaded = reduce(AuthApiActions.sessionRestored({ email: 'a@b.co' }), AuthApiActions.profileVerified({ profile: makeProfileResponse(next) }));
    expect(selectNextPath(state(loaded))).toBe(path);
  });

  it('sends a user without a profile to the login page', () => {
    expect(selectNextPath(state(reduce(AuthApiActions.sessionMissing())))).toBe('/login');
  });
});
