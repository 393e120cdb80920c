import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FinalizeOnboardingResponse, OnboardingState, SaveStepRequest, SaveStepResponse, StepId } from '@raptorflow/contracts';
import type { Observable } from 'rxjs';

/** The API's onboarding endpoints; the Bearer token is added by `authInterceptor`. */
@Injectable({ providedIn: 'root' })
export class OnboardingApiService {
  private readonly http = inject(HttpClient);

  state(): Observable<OnboardingState> {
    return this.http.get<OnboardingState>('/api/v1/onboarding');
  }

  saveStep(stepId: StepId, request: SaveStepRequest): Observable<SaveStepResponse> {
    return this.http.put<SaveStepResponse>(`/api/v1/onboarding/steps/${stepId}`, request);
  }

  finalize(): Observable<FinalizeOnboardingResponse> {
    return this.http.post<FinalizeOnboardingResponse>('/api/v1/onboarding/finalize', {});
  }
}
