import { NEXT_STEP_PATHS, type VerifyProfileResponse, type WorkspaceMembership } from '@raptorflow/contracts';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import { type AuthErrorView, isSessionError } from './auth.errors';

export type AuthStatus = 'unknown' | 'signed-out' | 'signed-in';

export interface AuthState {
  status: AuthStatus;
  email: string | null;
  profile: VerifyProfileResponse | null;
  loading: boolean;
  error: AuthErrorView | null;
  /** True once the mail asked for (confirmation again, password recovery) was sent. */
  mailSent: boolean;
  /** Every workspace the user belongs to (the switcher shows when there are several). */
  workspaces: WorkspaceMembership[];
  switchingWorkspace: boolean;
  workspaceError: AuthErrorView | null;
}

export const initialAuthState: AuthState = {
  status: 'unknown',
  email: null,
  profile: null,
  loading: false,
  error: null,
  mailSent: false,
  workspaces: [],
  switchingWorkspace: false,
  workspaceError: null,
};

const signedOut: AuthState = { ...initialAuthState, status: 'signed-out' };

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(AuthPageActions.opened, (state): AuthState => ({ ...state, error: null, mailSent: false })),
    on(
      AuthPageActions.signUpSubmitted,
      AuthPageActions.signInSubmitted,
      AuthPageActions.signOutClicked,
      AuthPageActions.emailLinkOpened,
      AuthPageActions.googleSignInClicked,
      AuthPageActions.googleCallbackOpened,
      AuthPageActions.resendConfirmationClicked,
      AuthPageActions.passwordResetRequested,
      AuthPageActions.newPasswordSubmitted,
      AuthPageActions.signInLinkRequested,
      AuthPageActions.signInCodeSubmitted,
      (state): AuthState => ({ ...state, loading: true, error: null, mailSent: false }),
    ),
    // Signed in, profile still loading: `loading` stays true so guards keep waiting.
    on(AuthApiActions.sessionRestored, AuthApiActions.signUpSucceeded, AuthApiActions.signInSucceeded, (state, { email }): AuthState => ({ ...state, status: 'signed-in', email, loading: true, error: null })),
    // The start-up finding that nobody is signed in answers later than a page's first actions: what the page shows
    // (the refusal the auth server sent back to /auth/callback, a request on its way) stays.
    on(AuthApiActions.sessionMissing, (state): AuthState => ({ ...signedOut, loading: state.loading, error: state.error, mailSent: state.mailSent })),
    on(AuthApiActions.signOutSucceeded, AuthApiActions.sessionEnded, (): AuthState => signedOut),
    on(AuthApiActions.sessionRestoreFailed, (_state, { error }): AuthState => ({ ...signedOut, error })),
    on(AuthApiActions.signUpConfirmationRequired, AuthApiActions.signInUnconfirmed, (): AuthState => signedOut),
    on(AuthApiActions.confirmationResent, AuthApiActions.passwordResetMailSent, AuthApiActions.signInLinkSent, (state): AuthState => ({ ...state, loading: false, mailSent: true })),
    // Signed in by the recovery link, only to choose a new password: no profile yet, nothing for the guards to wait for.
    on(AuthApiActions.recoveryLinkOpened, (state, { email }): AuthState => ({ ...state, status: 'signed-in', email, profile: null, loading: false, error: null })),
    on(
      AuthApiActions.signUpFailed,
      AuthApiActions.signInFailed,
      AuthApiActions.signOutFailed,
      AuthApiActions.emailLinkFailed,
      AuthApiActions.googleSignInFailed,
      AuthPageActions.googleCallbackRefused,
      AuthApiActions.confirmationResendFailed,
      AuthApiActions.passwordResetFailed,
      AuthApiActions.signInLinkFailed,
      (state, { error }): AuthState => ({ ...state, loading: false, error }),
    ),
    on(AuthApiActions.profileEnsured, AuthApiActions.profileVerified, AuthApiActions.workspaceSwitched, (state, { profile }): AuthState => ({ ...state, profile, loading: false, error: null })),
    on(AuthApiActions.profileLoadFailed, (state, { error }): AuthState => (isSessionError(error) ? { ...signedOut, error } : { ...state, profile: null, loading: false, error })),
    on(AuthPageActions.workspaceChosen, (state): AuthState => ({ ...state, switchingWorkspace: true, workspaceError: null })),
    on(AuthApiActions.workspaceSwitched, (state): AuthState => ({ ...state, switchingWorkspace: false })),
    on(AuthApiActions.workspaceSwitchFailed, (state, { error }): AuthState => ({ ...state, switchingWorkspace: false, workspaceError: error })),
    on(AuthApiActions.workspacesLoaded, (state, { workspaces }): AuthState => (state.status === 'signed-in' ? { ...state, workspaces } : state)),
    on(AuthApiActions.tokenRefreshed, (state, { email }): AuthState => (state.status === 'signed-in' ? { ...state, email } : state)),
  ),
  extraSelectors: ({ selectStatus, selectProfile, selectLoading }) => {
    const selectIsSignedIn = createSelector(selectStatus, (status) => status === 'signed-in');
    const selectNextStep = createSelector(selectProfile, (profile) => profile?.next ?? null);
    // Resolved = the guards can decide: signed out, or signed in with the profile load finished.
    const selectIsResolved = createSelector(selectStatus, selectLoading, (status, loading) => status === 'signed-out' || (status === 'signed-in' && !loading));
    // Without a profile (signed out, or its load failed) the only place to go is the login page.
    const selectNextPath = createSelector(selectNextStep, (next) => (next ? NEXT_STEP_PATHS[next] : NEXT_STEP_PATHS.login));
    return { selectIsSignedIn, selectNextStep, selectIsResolved, selectNextPath };
  },
});

export const {
  selectStatus,
  selectEmail,
  selectProfile,
  selectLoading,
  selectError,
  selectMailSent,
  selectWorkspaces,
  selectSwitchingWorkspace,
  selectWorkspaceError,
  selectIsSignedIn,
  selectNextStep,
  selectIsResolved,
  selectNextPath,
} = authFeature;
