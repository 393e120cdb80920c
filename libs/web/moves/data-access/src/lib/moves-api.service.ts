import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnalyticsResponse,
  Campaign,
  CampaignDetail,
  CreateCampaignRequest,
  CreateMoveRequest,
  GenerateMovesResponse,
  LogWeeklyResultRequest,
  Move,
  MovesWeekResponse,
  UpdateCampaignRequest,
  UpdateMoveRequest,
  WeeklyResult,
  WeeklyResultsResponse,
} from '@raptorflow/contracts';
import { Observable } from 'rxjs';

/** /api/v1/moves, /campaigns and /analytics; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class MovesApiService {
  private readonly http = inject(HttpClient);

  week(week: string | null): Observable<MovesWeekResponse> {
    return this.http.get<MovesWeekResponse>('/api/v1/moves', { params: week ? { week } : {} });
  }

  generate(week: string): Observable<GenerateMovesResponse> {
    return this.http.post<GenerateMovesResponse>('/api/v1/moves/generate', { week });
  }

  create(move: CreateMoveRequest): Observable<Move> {
    return this.http.post<Move>('/api/v1/moves', move);
  }

  update(id: string, changes: UpdateMoveRequest): Observable<Move> {
    return this.http.patch<Move>(`/api/v1/moves/${encodeURIComponent(id)}`, changes);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/moves/${encodeURIComponent(id)}`);
  }

  campaigns(): Observable<Campaign[]> {
    return this.http.get<Campaign[]>('/api/v1/campaigns');
  }

  createCampaign(campaign: CreateCampaignRequest): Observable<Campaign> {
    return this.http.post<Campaign>('/api/v1/campaigns', campaign);
  }

  updateCampaign(id: string, changes: UpdateCampaignRequest): Observable<Campaign> {
    return this.http.patch<Campaign>(`/api/v1/campaigns/${encodeURIComponent(id)}`, changes);
  }

  removeCampaign(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/campaigns/${encodeURIComponent(id)}`);
  }

  linkMoves(id: string, moveIds: string[]): Observable<CampaignDetail> {
    return this.http.post<CampaignDetail>(`/api/v1/campaigns/${encodeURIComponent(id)}/moves`, { moveIds });
  }

  analytics(): Observable<AnalyticsResponse> {
    return this.http.get<AnalyticsResponse>('/api/v1/analytics');
  }

  results(): Observable<WeeklyResultsResponse> {
    return this.http.get<WeeklyResultsResponse>('/api/v1/analytics/results');
  }

  logResult(result: LogWeeklyResultRequest): Observable<WeeklyResult> {
    return this.http.put<WeeklyResult>('/api/v1/analytics/results', result);
  }
}
