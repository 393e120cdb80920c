import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { OpsApiService } from './ops-api.service';

// Where an operator without a second factor sets one up (the API refuses them every /ops route until then).
const TWO_FACTOR_SETUP_PATH = '/app/settings';

/**
 * /ops matches only for operators; for anyone else the router goes on to the app's catch-all, as for any unknown URL.
 * An operator who has not set up two-factor authentication is sent to Settings to do so.
 */
export const operatorGuard: CanMatchFn = () => {
  const router = inject(Router);
  return inject(OpsApiService)
    .me()
    .pipe(
      map(() => true),
      catchError((error: unknown) => of(needsTwoFactorSetup(error) ? router.parseUrl(TWO_FACTOR_SETUP_PATH) : false)),
    );
};

function needsTwoFactorSetup(error: unknown): boolean {
  const body = error instanceof HttpErrorResponse ? (error.error as { code?: unknown; details?: { factorEnrolled?: unknown } } | null) : null;
  return body?.code === 'AAL2_REQUIRED' && body.details?.factorEnrolled === false;
}
