import type { WorkspaceMembership } from '@raptorflow/contracts';
import { makeProfileResponse } from '../testing';
import { AuthApiActions, AuthPageActions } from './auth.actions';
import { type AuthState, authFeature, initialAuthState } from './auth.feature';
import { rememberReturnPath, takeReturnPath } from './auth-return';
import { resetOnWorkspaceSwitch } from './provide-auth';

const token = 'a'.repeat(43);
const team: WorkspaceMembership = { id: 'w-2', name: 'Acme Growth', role: 'member', current: true };

describe('coming back to an invitation after signing up or in', () => {
  beforeEach(() => localStorage.clear());

  it('remembers an invitation page once', () => {
    rememberReturnPath(`/invite/${token}`);
    expect(takeReturnPath()).toBe(`/invite/${token}`);
    expect(takeReturnPath()).toBeNull();
  });

  it.each(['https://evil.example.com/invite/x', '//evil.example.com', '/app/settings', `/invite/${token}/../../x`])('never remembers %s', (path) => {
    rememberReturnPath(path);
    expect(takeReturnPath()).toBeNull();
  });

  it('ignores a value planted in storage that is not an invitation page', () => {
    localStorage.setItem('rf.returnTo', 'https://evil.example.com');
    expect(takeReturnPath()).toBeNull();
  });
});

describe('switching workspaces', () => {
  const { reducer } = authFeature;
  const signedIn = (): AuthState =>
    [AuthApiActions.sessionRestored({ email: 'a@b.co' }), AuthApiActions.profileVerified({ profile: makeProfileResponse('app') })].reduce(reducer, initialAuthState);

  it('keeps the user’s workspaces while signed in and forgets them on sign-out', () => {
    const loaded = reducer(signedIn(), AuthApiActions.workspacesLoaded({ workspaces: [team] }));
    expect(loaded.workspaces).toEqual([team]);
    expect(reducer(loaded, AuthApiActions.signOutSucceeded()).workspaces).toEqual([]);
    expect(reducer(initialAuthState, AuthApiActions.workspacesLoaded({ workspaces: [team] })).workspaces).toEqual([]);
  });

  it('takes the new workspace’s profile, or shows why the switch failed', () => {
    const choosing = reducer(signedIn(), AuthPageActions.workspaceChosen({ workspaceId: 'w-2' }));
    expect(choosing.switchingWorkspace).toBe(true);
    const profile = { ...makeProfileResponse('onboarding'), workspace: { ...makeProfileResponse().workspace, id: 'w-2', role: 'member' as const } };
    expect(reducer(choosing, AuthApiActions.workspaceSwitched({ profile }))).toMatchObject({ switchingWorkspace: false, profile: { next: 'onboarding', workspace: { id: 'w-2' } } });
    const error = { code: 'NOT_A_MEMBER', message: 'You are not a member of this workspace.' };
    expect(reducer(choosing, AuthApiActions.workspaceSwitchFailed({ error }))).toMatchObject({ switchingWorkspace: false, workspaceError: error });
  });

  it('starts every other feature’s state again, keeping auth', () => {
    const features = (state: { count: number } | undefined, action: { type: string }) => ({ count: (state?.count ?? 0) + (action.type === 'inc' ? 1 : 0) });
    const root = (state: Record<string, unknown> | undefined, action: { type: string }) => ({
      auth: state?.['auth'] ?? 'auth-state',
      bcm: features(state?.['bcm'] as { count: number } | undefined, action),
    });
    const withReset = resetOnWorkspaceSwitch(root);
    const before = withReset({ auth: 'kept', bcm: { count: 3 } }, { type: 'inc' });
    expect(before).toEqual({ auth: 'kept', bcm: { count: 4 } });
    expect(withReset(before, AuthApiActions.workspaceSwitched({ profile: makeProfileResponse('app') }))).toEqual({ auth: 'kept', bcm: { count: 0 } });
  });
});
