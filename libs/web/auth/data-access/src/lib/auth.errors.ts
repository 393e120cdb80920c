import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@raptorflow/contracts';

/** An error as the UI shows it: a stable code plus a sentence a person can act on. */
export interface AuthErrorView {
  code: string;
  message: string;
}

export const NETWORK_ERROR_CODE = 'network_error';

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong email or password',
  user_already_exists: 'An account with this email already exists. Log in instead.',
  email_exists: 'An account with this email already exists. Log in instead.',
  weak_password: 'Use at least 8 characters',
  email_address_invalid: 'Enter a valid email address',
  email_not_confirmed: 'Confirm your email first: open the link we sent to your inbox.',
  same_password: 'Choose a password different from your current one.',
  otp_expired: 'This link has expired or was already used. Log in, or ask for a new link.',
  otp_disabled: 'No account uses this email. Create an account first.',
  reauthentication_needed: 'Confirm it is you first: ask for a code by email.',
  reauthentication_not_valid: 'That code is wrong or has expired. Ask for a new one.',
  signup_disabled: 'Sign-ups are closed right now.',
  email_provider_disabled: 'Sign-ups are closed right now.',
  user_banned: 'This account is blocked. Contact support.',
  over_request_rate_limit: 'Too many attempts. Wait a minute and try again.',
  over_email_send_rate_limit: 'Too many emails sent. Wait a few minutes and try again.',
  request_timeout: "Can't reach the server. Check your connection and try again.",
  [NETWORK_ERROR_CODE]: "Can't reach the server. Check your connection and try again.",
  // Google sign-in (the auth server's OAuth and PKCE errors, and supabase-js's when this browser lost its code verifier).
  access_denied: 'Google sign-in was cancelled. Try again, or log in with your email and password.',
  flow_state_not_found: 'This Google sign-in has expired or was already used. Start again.',
  flow_state_expired: 'This Google sign-in took too long. Start again.',
  flow_state_already_used: 'This Google sign-in was already used. Start again.',
  bad_code_verifier: 'Google sign-in must finish in the browser that started it. Start again here.',
  pkce_code_verifier_not_found: 'Google sign-in must finish in the browser that started it. Start again here.',
  bad_oauth_state: 'This Google sign-in has expired or was already used. Start again.',
  provider_email_needs_verification: 'Verify your email address with Google first, then try again.',
  mfa_verification_failed: 'That code is not right. Enter the 6-digit code your authenticator app shows now.',
  mfa_challenge_expired: 'That took too long. Enter the code your authenticator app shows now.',
  mfa_factor_not_found: 'This authenticator was removed. Reload the page.',
  mfa_factor_name_conflict: 'You already have an authenticator with this name. Choose another name.',
  too_many_enrolled_mfa_factors: 'You have as many authenticators as allowed. Remove one first.',
  insufficient_aal: 'Enter a code from your authenticator app first.',
  session_not_found: 'Your session has ended. Log in again.',
  session_expired: 'Your session has ended. Log in again.',
  refresh_token_not_found: 'Your session has ended. Log in again.',
  refresh_token_already_used: 'Your session has ended. Log in again.',
  TOKEN_EXPIRED: 'Your session has ended. Log in again.',
  TOKEN_INVALID: 'Your session has ended. Log in again.',
  TOKEN_MISSING: 'Your session has ended. Log in again.',
};

const SESSION_ERROR_CODES = new Set(['session_not_found', 'session_expired', 'refresh_token_not_found', 'refresh_token_already_used', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_MISSING']);

const SERVER_MESSAGE = 'Something went wrong on our side. Try again in a moment.';
const UNKNOWN_MESSAGE = 'Something went wrong. Try again.';

/** True when the error means the session is gone and the user must log in again. */
export function isSessionError(error: AuthErrorView): boolean {
  return SESSION_ERROR_CODES.has(error.code);
}

/**
 * The error the auth server reports on its redirect back from Google (`?error=&error_code=&error_description=`):
 * its code when known, else the OAuth error (access_denied on Cancel).
 */
export function toOAuthCallbackError(params: { error: string | null; errorCode: string | null; description: string | null }): AuthErrorView {
  const code = params.errorCode || params.error || 'server_error';
  if (MESSAGES[code]) return { code, message: MESSAGES[code] };
  if (params.error && MESSAGES[params.error]) return { code: params.error, message: MESSAGES[params.error] };
  return { code, message: params.error === 'server_error' || !params.description ? 'Google sign-in did not work. Try again in a moment.' : params.description };
}

/** Maps supabase-js auth errors, API errors and network failures to a message the user can act on. */
export function toAuthErrorView(error: unknown): AuthErrorView {
  const { code, status, message } = describe(error);
  if (code && MESSAGES[code]) return { code, message: MESSAGES[code] };
  if (status === 0) return { code: NETWORK_ERROR_CODE, message: MESSAGES[NETWORK_ERROR_CODE] };
  if (status === 401) return { code: code ?? 'TOKEN_INVALID', message: MESSAGES['TOKEN_INVALID'] };
  if (status === 429) return { code: code ?? 'over_request_rate_limit', message: MESSAGES['over_request_rate_limit'] };
  if (status !== undefined && status >= 500) return { code: code ?? 'server_error', message: SERVER_MESSAGE };
  // Other 4xx answers from our API carry a message written for users.
  if (status !== undefined && status >= 400 && message) return { code: code ?? 'request_failed', message };
  return { code: code ?? 'unknown_error', message: UNKNOWN_MESSAGE };
}

function describe(error: unknown): { code?: string; status?: number; message?: string } {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    const isApiError = !!body && typeof body === 'object' && typeof body.code === 'string';
    return { status: error.status, code: isApiError ? body.code : undefined, message: isApiError ? body.message : undefined };
  }
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; code?: unknown; status?: unknown; message?: unknown };
    // supabase-js: AuthRetryableFetchError (status 0 or 502-504) means the auth server was not reached.
    if (e.name === 'AuthRetryableFetchError' || (e.name === 'TypeError' && String(e.message).includes('fetch'))) return { status: 0 };
    return {
      code: typeof e.code === 'string' ? e.code : undefined,
      status: typeof e.status === 'number' ? e.status : undefined,
      message: typeof e.message === 'string' ? e.message : undefined,
    };
  }
  return {};
}
