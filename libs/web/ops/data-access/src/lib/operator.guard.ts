import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { OpsApiService } from './ops-api.service';

/** /ops matches only for operators; for anyone else the router goes on to the app's catch-all, as for any unknown URL. */
export const operatorGuard: CanMatchFn = () =>
  inject(OpsApiService)
    .me()
    .pipe(
      map(() => true),
      catchError(() => of(false)),
    );
