import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BillingPeriod, InitiatePaymentResponse, PaymentView, Plan, PlanId } from '@raptorflow/contracts';
import type { Observable } from 'rxjs';

/** The API's payment endpoints; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class PaymentsApiService {
  private readonly http = inject(HttpClient);

  plans(): Observable<Plan[]> {
    return this.http.get<Plan[]>('/api/v1/payments/plans');
  }

  /** Creates (or reuses an open) PhonePe checkout for the current workspace; owners only. */
  initiate(planId: PlanId, period: BillingPeriod): Observable<InitiatePaymentResponse> {
    return this.http.post<InitiatePaymentResponse>('/api/v1/payments/initiate', { planId, period });
  }

  /** While the payment is pending the server asks PhonePe, so polling this settles it. */
  status(merchantOrderId: string): Observable<PaymentView> {
    return this.http.get<PaymentView>(`/api/v1/payments/status/${encodeURIComponent(merchantOrderId)}`);
  }

  history(): Observable<PaymentView[]> {
    return this.http.get<PaymentView[]>('/api/v1/payments/history');
  }
}
