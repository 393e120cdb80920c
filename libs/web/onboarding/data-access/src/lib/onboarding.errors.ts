import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError, OnboardingFieldError } from '@raptorflow/contracts';
import { type AuthErrorView, toAuthErrorView } from '@raptorflow/web-auth-data-access';

/** An API error as the wizard shows it: a stable code plus a sentence a person can act on. */
export type OnboardingErrorView = AuthErrorView;

export const toOnboardingErrorView = (error: unknown): OnboardingErrorView => toAuthErrorView(error);

/** The field errors of a 400 VALIDATION_FAILED / ANSWERS_INCOMPLETE answer, or null for any other error. */
export function fieldErrorsOf(error: unknown): OnboardingFieldError[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return null;
  const body = error.error as Partial<ApiError> & { details?: { errors?: OnboardingFieldError[] } };
  return Array.isArray(body?.details?.errors) ? body.details.errors : null;
}

// No connection (status 0) or a server that says "try again" (502-504): the save is kept and retried.
export function isRetryable(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || (error.status >= 502 && error.status <= 504));
}
