import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PaymentView, Workspace, WorkspaceInvitation, WorkspaceMembers, WorkspaceRole } from '@raptorflow/contracts';
import { Observable } from 'rxjs';

export type AssignableRole = Exclude<WorkspaceRole, 'owner'>;

/** /api/v1/workspace and the billing history; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class SettingsApiService {
  private readonly http = inject(HttpClient);

  rename(name: string): Observable<Workspace> {
    return this.http.patch<Workspace>('/api/v1/workspace', { name });
  }

  members(): Observable<WorkspaceMembers> {
    return this.http.get<WorkspaceMembers>('/api/v1/workspace/members');
  }

  invite(email: string, role: AssignableRole): Observable<WorkspaceInvitation> {
    return this.http.post<WorkspaceInvitation>('/api/v1/workspace/invitations', { email, role });
  }

  /** A new mail with a new link (the old one stops working); the API allows one a minute per invitation. */
  resendInvitation(id: string): Observable<WorkspaceInvitation> {
    return this.http.post<WorkspaceInvitation>(`/api/v1/workspace/invitations/${encodeURIComponent(id)}/resend`, {});
  }

  revokeInvitation(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/workspace/invitations/${encodeURIComponent(id)}`);
  }

  changeRole(userId: string, role: AssignableRole): Observable<void> {
    return this.http.patch<void>(`/api/v1/workspace/members/${encodeURIComponent(userId)}`, { role });
  }

  removeMember(userId: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/workspace/members/${encodeURIComponent(userId)}`);
  }

  paymentHistory(): Observable<PaymentView[]> {
    return this.http.get<PaymentView[]>('/api/v1/payments/history');
  }

  /** Deletes the account and every workspace it owns; the API needs the account email typed as confirmation. */
  deleteAccount(confirmEmail: string): Observable<void> {
    return this.http.delete<void>('/api/v1/auth/account', { body: { confirmEmail } });
  }

  /** Owner only; the subscription runs to the end of its period. */
  cancelSubscription(): Observable<{ status: 'cancelled'; currentPeriodEnd: string }> {
    return this.http.post<{ status: 'cancelled'; currentPeriodEnd: string }>('/api/v1/payments/subscription/cancel', {});
  }
}
