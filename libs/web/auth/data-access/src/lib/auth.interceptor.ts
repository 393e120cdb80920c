import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { SupabaseAuthClient } from './supabase-auth.client';

/** Only our own API gets the user's token, never a third-party URL. */
function isApiRequest(request: HttpRequest<unknown>): boolean {
  return request.url.startsWith('/api/') && !request.headers.has('Authorization');
}

function withToken(request: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

/** Adds `Authorization: Bearer <access token>` to `/api/` calls; on a 401 refreshes the session once and retries. */
export const authInterceptor: HttpInterceptorFn = (request, next): Observable<HttpEvent<unknown>> => {
  if (!isApiRequest(request)) return next(request);
  const auth = inject(SupabaseAuthClient);
  return from(auth.accessToken()).pipe(
    switchMap((token) => {
      if (!token) return next(request);
      return next(withToken(request, token)).pipe(catchError((error: unknown) => retryAfterRefresh(error, request, next, auth)));
    }),
  );
};

function retryAfterRefresh(error: unknown, request: HttpRequest<unknown>, next: HttpHandlerFn, auth: SupabaseAuthClient): Observable<HttpEvent<unknown>> {
  if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
  return from(auth.refreshAccessToken()).pipe(switchMap((fresh) => (fresh ? next(withToken(request, fresh)) : throwError(() => error))));
}
