import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BillingPeriod, MandateSetupResponse, MandateView, PlanId } from '@raptorflow/contracts';
import type { Observable } from 'rxjs';

/** UPI Autopay (/api/v1/payments/autopay, owners only); the Bearer token comes from `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class AutopayApiService {
  private readonly http = inject(HttpClient);

  mandate(): Observable<{ mandate: MandateView | null }> {
    return this.http.get<{ mandate: MandateView | null }>('/api/v1/payments/autopay');
  }

  setup(planId: PlanId, period: BillingPeriod): Observable<MandateSetupResponse> {
    return this.http.post<MandateSetupResponse>('/api/v1/payments/autopay/setup', { planId, period });
  }

  change(action: 'pause' | 'resume' | 'cancel'): Observable<{ mandate: MandateView | null }> {
    return this.http.post<{ mandate: MandateView | null }>(`/api/v1/payments/autopay/${action}`, {});
  }
}
