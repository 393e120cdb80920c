import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { SupabaseAuthClient } from './supabase-auth.client';
import { AAL2_CHALLENGE, AAL2_REQUIRED } from './two-factor';

/** Only our own API gets the user's token, never a third-party URL. */
function isApiRequest(request: HttpRequest<unknown>): boolean {
  return request.url.startsWith('/api/') && !request.headers.has('Authorization');
}

function withToken(request: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * Adds `Authorization: Bearer <access token>` to `/api/` calls; on a 401 refreshes the session once and retries; on a
 * 403 AAL2_REQUIRED of a user with a factor asks for the authenticator code (AAL2_CHALLENGE) and retries once.
 */
export const authInterceptor: HttpInterceptorFn = (request, next): Observable<HttpEvent<unknown>> => {
  if (!isApiRequest(request)) return next(request);
  const auth = inject(SupabaseAuthClient);
  const challenge = inject(AAL2_CHALLENGE, { optional: true });
  return from(auth.accessToken()).pipe(
    switchMap((token) => {
      if (!token) return next(request);
      return next(withToken(request, token)).pipe(
        catchError((error: unknown) => (isAal2Required(error) && challenge ? retryAfterSecondFactor(error, request, next, auth, challenge) : retryAfterRefresh(error, request, next, auth))),
      );
    }),
  );
};

function isAal2Required(error: unknown): error is HttpErrorResponse {
  const body = error instanceof HttpErrorResponse && error.status === 403 ? (error.error as { code?: unknown; details?: { factorEnrolled?: unknown } } | null) : null;
  return body?.code === AAL2_REQUIRED && body.details?.factorEnrolled === true;
}

function retryAfterSecondFactor(error: HttpErrorResponse, request: HttpRequest<unknown>, next: HttpHandlerFn, auth: SupabaseAuthClient, challenge: () => Promise<boolean>): Observable<HttpEvent<unknown>> {
  return from(challenge().then(async (passed) => (passed ? auth.accessToken() : null))).pipe(switchMap((fresh) => (fresh ? next(withToken(request, fresh)) : throwError(() => error))));
}

function retryAfterRefresh(error: unknown, request: HttpRequest<unknown>, next: HttpHandlerFn, auth: SupabaseAuthClient): Observable<HttpEvent<unknown>> {
  if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
  return from(auth.refreshAccessToken()).pipe(switchMap((fresh) => (fresh ? next(withToken(request, fresh)) : throwError(() => error))));
}
