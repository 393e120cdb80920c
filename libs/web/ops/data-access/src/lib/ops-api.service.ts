import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEntryView, OpsPaymentStory, OpsQueues, OpsSearchHit, OpsWorkspace, RefundView } from '@raptorflow/contracts';
import { Observable } from 'rxjs';

/** /api/v1/ops (operators only); the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class OpsApiService {
  private readonly http = inject(HttpClient);

  me(): Observable<{ operator: true }> {
    return this.http.get<{ operator: true }>('/api/v1/ops/me');
  }

  search(q: string): Observable<OpsSearchHit[]> {
    return this.http.get<OpsSearchHit[]>('/api/v1/ops/search', { params: { q } });
  }

  workspace(id: string): Observable<OpsWorkspace> {
    return this.http.get<OpsWorkspace>(`/api/v1/ops/workspaces/${encodeURIComponent(id)}`);
  }

  story(merchantOrderId: string): Observable<OpsPaymentStory> {
    return this.http.get<OpsPaymentStory>(`/api/v1/ops/payments/${encodeURIComponent(merchantOrderId)}`);
  }

  refund(merchantOrderId: string, amount: number | null, reason: string): Observable<RefundView> {
    return this.http.post<RefundView>(`/api/v1/ops/payments/${encodeURIComponent(merchantOrderId)}/refund`, amount === null ? { reason } : { amount, reason });
  }

  reconcile(merchantOrderId: string, reason: string): Observable<OpsPaymentStory> {
    return this.http.post<OpsPaymentStory>(`/api/v1/ops/payments/${encodeURIComponent(merchantOrderId)}/reconcile`, { reason });
  }

  resendReceipt(merchantOrderId: string, reason: string): Observable<{ jobId: string }> {
    return this.http.post<{ jobId: string }>(`/api/v1/ops/payments/${encodeURIComponent(merchantOrderId)}/resend-receipt`, { reason });
  }

  changeSubscription(workspaceId: string, action: 'extend' | 'end', reason: string, days?: number): Observable<OpsWorkspace> {
    return this.http.post<OpsWorkspace>(`/api/v1/ops/workspaces/${encodeURIComponent(workspaceId)}/subscription`, days ? { action, days, reason } : { action, reason });
  }

  rebuildBcm(workspaceId: string, reason: string): Observable<{ jobId: string }> {
    return this.http.post<{ jobId: string }>(`/api/v1/ops/workspaces/${encodeURIComponent(workspaceId)}/bcm-rebuild`, { reason });
  }

  queues(): Observable<OpsQueues> {
    return this.http.get<OpsQueues>('/api/v1/ops/queues');
  }

  retryJob(queue: string, jobId: string, reason: string): Observable<OpsQueues> {
    return this.http.post<OpsQueues>(`/api/v1/ops/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(jobId)}/retry`, { reason });
  }

  audit(filter: { workspaceId?: string; target?: string } = {}): Observable<AuditEntryView[]> {
    return this.http.get<AuditEntryView[]>('/api/v1/ops/audit', { params: new HttpParams({ fromObject: filter }) });
  }

  auditCsv(filter: { workspaceId?: string } = {}): Observable<Blob> {
    return this.http.get('/api/v1/ops/audit.csv', { params: new HttpParams({ fromObject: filter }), responseType: 'blob' });
  }
}
