import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AccountSessionsResponse } from '@raptorflow/contracts';
import { Observable } from 'rxjs';

/** GET /api/v1/account/sessions: the signed-in devices of the caller (signing them out is supabase-js's). */
@Injectable({ providedIn: 'root' })
export class AccountSessionsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<AccountSessionsResponse> {
    return this.http.get<AccountSessionsResponse>('/api/v1/account/sessions');
  }
}
