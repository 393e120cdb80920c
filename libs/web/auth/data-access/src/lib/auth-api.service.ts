import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { VerifyProfileResponse } from '@raptorflow/contracts';
import { Observable } from 'rxjs';

/** The API's auth endpoints; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);

  /** Idempotent: creates (or repairs) the profile, workspace and UCID after sign-up or sign-in. */
  ensureProfile(): Observable<VerifyProfileResponse> {
    return this.http.post<VerifyProfileResponse>('/api/v1/auth/ensure-profile', {});
  }

  verifyProfile(): Observable<VerifyProfileResponse> {
    return this.http.get<VerifyProfileResponse>('/api/v1/auth/verify-profile');
  }
}
