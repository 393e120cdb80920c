import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BillingPeriod, PlanChangeQuote, PlanChangeResponse, PlanId, SubscriptionChangeState } from '@raptorflow/contracts';
import type { Observable } from 'rxjs';

/** /api/v1/payments/subscription: plan changes, "keep current plan" and resume (owners; the state for members too). */
@Injectable({ providedIn: 'root' })
export class PlanChangeApiService {
  private readonly http = inject(HttpClient);

  state(): Observable<SubscriptionChangeState> {
    return this.http.get<SubscriptionChangeState>('/api/v1/payments/subscription/change');
  }

  quote(planId: PlanId, period: BillingPeriod): Observable<PlanChangeQuote> {
    return this.http.get<PlanChangeQuote>('/api/v1/payments/subscription/change/quote', { params: { planId, period } });
  }

  change(planId: PlanId, period: BillingPeriod): Observable<PlanChangeResponse> {
    return this.http.post<PlanChangeResponse>('/api/v1/payments/subscription/change', { planId, period });
  }

  keepCurrentPlan(): Observable<SubscriptionChangeState> {
    return this.http.delete<SubscriptionChangeState>('/api/v1/payments/subscription/change');
  }

  resume(): Observable<{ status: 'active'; currentPeriodEnd: string }> {
    return this.http.post<{ status: 'active'; currentPeriodEnd: string }>('/api/v1/payments/subscription/resume', {});
  }
}
