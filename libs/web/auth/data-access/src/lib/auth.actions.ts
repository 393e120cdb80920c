import type { VerifyProfileResponse, WorkspaceMembership } from '@raptorflow/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { AuthErrorView } from './auth.errors';
import type { EmailLinkType } from './supabase-auth.client';

export const AuthPageActions = createActionGroup({
  source: 'Auth Page',
  events: {
    Opened: emptyProps(),
    'Sign Up Submitted': props<{ fullName: string; email: string; password: string }>(),
    'Sign In Submitted': props<{ email: string; password: string }>(),
    'Sign Out Clicked': emptyProps(),
    'Email Link Opened': props<{ tokenHash: string; linkType: EmailLinkType }>(),
    'Google Sign In Clicked': emptyProps(),
    // Back from Google at /auth/callback: with the auth server's code, or with the error it reported.
    'Google Callback Opened': props<{ code: string }>(),
    'Google Callback Refused': props<{ error: AuthErrorView }>(),
    'Resend Confirmation Clicked': props<{ email: string }>(),
    'Password Reset Requested': props<{ email: string }>(),
    'New Password Submitted': props<{ password: string }>(),
    'Workspace Chosen': props<{ workspaceId: string }>(),
    'Sign In Link Requested': props<{ email: string }>(),
    'Sign In Code Submitted': props<{ email: string; code: string }>(),
  },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth API',
  events: {
    'Session Restored': props<{ email: string }>(),
    'Session Missing': emptyProps(),
    'Session Restore Failed': props<{ error: AuthErrorView }>(),
    'Sign Up Succeeded': props<{ email: string }>(),
    'Sign Up Confirmation Required': props<{ email: string }>(),
    'Sign Up Failed': props<{ error: AuthErrorView }>(),
    'Sign In Succeeded': props<{ email: string }>(),
    'Sign In Failed': props<{ error: AuthErrorView }>(),
    'Sign In Unconfirmed': props<{ email: string }>(),
    'Email Link Failed': props<{ error: AuthErrorView }>(),
    'Google Sign In Failed': props<{ error: AuthErrorView }>(),
    'Confirmation Resent': emptyProps(),
    'Confirmation Resend Failed': props<{ error: AuthErrorView }>(),
    'Recovery Link Opened': props<{ email: string }>(),
    'Password Reset Mail Sent': emptyProps(),
    'Password Reset Failed': props<{ error: AuthErrorView }>(),
    'Sign In Link Sent': props<{ email: string }>(),
    'Sign In Link Failed': props<{ error: AuthErrorView }>(),
    // Ensured = after sign-in/up (the app then navigates); Verified = on session restore (the guards route).
    'Profile Ensured': props<{ profile: VerifyProfileResponse }>(),
    'Profile Verified': props<{ profile: VerifyProfileResponse }>(),
    'Profile Load Failed': props<{ error: AuthErrorView }>(),
    // The current workspace changed (switcher, accepted invitation): every workspace's state starts again.
    'Workspace Switched': props<{ profile: VerifyProfileResponse }>(),
    'Workspace Switch Failed': props<{ error: AuthErrorView }>(),
    'Workspaces Loaded': props<{ workspaces: WorkspaceMembership[] }>(),
    'Sign Out Succeeded': emptyProps(),
    'Sign Out Failed': props<{ error: AuthErrorView }>(),
    'Token Refreshed': props<{ email: string }>(),
    'Session Ended': emptyProps(),
  },
});
