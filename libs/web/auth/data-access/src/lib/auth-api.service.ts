import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { InvitationPreview, VerifyProfileResponse, Workspace, WorkspaceMembership } from '@raptorflow/contracts';
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

  /** What an invitation link shows (no sign-in needed): workspace, inviter, invited address. */
  invitation(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(`/api/v1/invitations/${encodeURIComponent(token)}`);
  }

  /** Joins the invitation's workspace, which becomes the current one. */
  acceptInvitation(token: string): Observable<Workspace> {
    return this.http.post<Workspace>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, {});
  }

  workspaces(): Observable<WorkspaceMembership[]> {
    return this.http.get<WorkspaceMembership[]>('/api/v1/workspaces');
  }

  /** Makes one of the user's workspaces the current one; the answer is verify-profile's for it. */
  switchWorkspace(workspaceId: string): Observable<VerifyProfileResponse> {
    return this.http.post<VerifyProfileResponse>('/api/v1/workspaces/current', { workspaceId });
  }
}
