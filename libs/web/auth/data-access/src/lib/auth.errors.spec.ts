import { HttpErrorResponse } from '@angular/common/http';
import { makeAuthApiError, networkError } from '../testing';
import { isSessionError, toAuthErrorView } from './auth.errors';

describe('toAuthErrorView', () => {
  it.each([
    ['invalid_credentials', 400, 'Wrong email or password'],
    ['user_already_exists', 422, 'An account with this email already exists. Log in instead.'],
    ['email_exists', 422, 'An account with this email already exists. Log in instead.'],
    ['weak_password', 422, 'Use at least 8 characters'],
    ['email_address_invalid', 400, 'Enter a valid email address'],
    ['email_not_confirmed', 400, 'Confirm your email first: open the link we sent to your inbox.'],
    ['over_request_rate_limit', 429, 'Too many attempts. Wait a minute and try again.'],
    ['session_not_found', 403, 'Your session has ended. Log in again.'],
  ])('maps the supabase code %s to a human message', (code, status, message) => {
    expect(toAuthErrorView(makeAuthApiError(code, status))).toEqual({ code, message });
  });

  it('treats an unreachable auth server as a network error', () => {
    expect(toAuthErrorView(networkError())).toEqual({ code: 'network_error', message: "Can't reach the server. Check your connection and try again." });
  });

  it('treats an unreachable API as a network error', () => {
    const error = new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') });
    expect(toAuthErrorView(error).message).toBe("Can't reach the server. Check your connection and try again.");
  });

  it('maps the API 401 codes to "log in again"', () => {
    const error = new HttpErrorResponse({ status: 401, error: { statusCode: 401, code: 'TOKEN_EXPIRED', message: 'jwt expired' } });
    expect(toAuthErrorView(error)).toEqual({ code: 'TOKEN_EXPIRED', message: 'Your session has ended. Log in again.' });
  });

  it('hides server internals behind a retry message', () => {
    const error = new HttpErrorResponse({ status: 500, error: { statusCode: 500, code: 'INTERNAL', message: 'relation "profiles" does not exist' } });
    expect(toAuthErrorView(error)).toEqual({ code: 'INTERNAL', message: 'Something went wrong on our side. Try again in a moment.' });
  });

  it('shows the message of an unknown 4xx API error, which is written for users', () => {
    const error = new HttpErrorResponse({ status: 409, error: { statusCode: 409, code: 'WORKSPACE_CONFLICT', message: 'This workspace already exists.' } });
    expect(toAuthErrorView(error)).toEqual({ code: 'WORKSPACE_CONFLICT', message: 'This workspace already exists.' });
  });

  it('never leaves the user without a message', () => {
    expect(toAuthErrorView(undefined)).toEqual({ code: 'unknown_error', message: 'Something went wrong. Try again.' });
    expect(toAuthErrorView(new Error('boom')).message).toBe('Something went wrong. Try again.');
  });

  it('knows which errors end the session', () => {
    expect(isSessionError({ code: 'TOKEN_INVALID', message: '' })).toBe(true);
    expect(isSessionError({ code: 'invalid_credentials', message: '' })).toBe(false);
  });
});
