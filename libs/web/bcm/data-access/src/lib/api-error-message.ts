import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@raptorflow/contracts';
import { toAuthErrorView } from '@raptorflow/web-auth-data-access';

/**
 * A sentence for the user from a failed API call. Our 4xx answers (429 REBUILD_LIMIT, 409 BCM_MISSING...)
 * carry a message written for users, so it wins; network, session and server errors use the auth wording.
 */
export function toApiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500 && error.status !== 401) {
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body === 'object' && typeof body.message === 'string' && body.message) return body.message;
  }
  return toAuthErrorView(error).message;
}

/** The API's error code (`REBUILD_LIMIT`, `BCM_MISSING`...), when the error came from our API. */
export function apiErrorCode(error: unknown): string | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body = error.error as Partial<ApiError> | null;
  return body && typeof body === 'object' && typeof body.code === 'string' ? body.code : null;
}
