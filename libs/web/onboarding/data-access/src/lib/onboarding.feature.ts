import { ONBOARDING_STEPS, type OnboardingFieldError, type OnboardingState, type StepId } from '@raptorflow/contracts';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { OnboardingApiActions, OnboardingConnectivityActions, OnboardingPageActions } from './onboarding.actions';
import type { OnboardingErrorView } from './onboarding.errors';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'error';

export interface OnboardingFeatureState {
  state: OnboardingState | null;
  loading: boolean;
  loadError: OnboardingErrorView | null;
  saveStatus: SaveStatus;
  saveError: OnboardingErrorView | null;
  /** Server-side field errors of the last rejected save. */
  rejected: { stepId: StepId; errors: OnboardingFieldError[] } | null;
  /** A Next/Skip in flight: the page waits for it before moving on. */
  submitting: boolean;
  finalizing: boolean;
  finalizeErrors: OnboardingFieldError[];
  finalizeError: OnboardingErrorView | null;
}

export const initialOnboardingState: OnboardingFeatureState = {
  state: null,
  loading: false,
  loadError: null,
  saveStatus: 'idle',
  saveError: null,
  rejected: null,
  submitting: false,
  finalizing: false,
  finalizeErrors: [],
  finalizeError: null,
};

export const onboardingFeature = createFeature({
  name: 'onboarding',
  reducer: createReducer(
    initialOnboardingState,
    // A page opened again (answers edited after a finalize) starts without the last finalize's progress or errors.
    on(OnboardingPageActions.opened, (state): OnboardingFeatureState => ({ ...state, loading: true, loadError: null, finalizing: false, finalizeErrors: [], finalizeError: null })),
    on(OnboardingApiActions.stateLoaded, (state, { state: loaded }): OnboardingFeatureState => ({ ...state, state: loaded, loading: false })),
    on(OnboardingApiActions.stateLoadFailed, (state, { error }): OnboardingFeatureState => ({ ...state, loading: false, loadError: error })),
    on(OnboardingPageActions.answersChanged, OnboardingConnectivityActions.retryDue, (state): OnboardingFeatureState => ({ ...state, saveStatus: 'saving', saveError: null })),
    on(OnboardingPageActions.stepSubmitted, (state): OnboardingFeatureState => ({ ...state, saveStatus: 'saving', saveError: null, submitting: true, rejected: null })),
    on(OnboardingApiActions.stepSaved, (state, { response }): OnboardingFeatureState => ({
      ...state,
      state: response.state,
      saveStatus: 'saved',
      submitting: false,
      rejected: state.rejected?.stepId === response.stepId ? null : state.rejected,
    })),
    on(OnboardingApiActions.stepRejected, (state, { stepId, errors, error }): OnboardingFeatureState => ({
      ...state,
      saveStatus: 'error',
      saveError: error,
      submitting: false,
      rejected: { stepId, errors },
    })),
    // `submitting` stays set: the Next waits for the retry.
    on(OnboardingApiActions.stepSaveOffline, (state): OnboardingFeatureState => ({ ...state, saveStatus: 'offline' })),
    on(OnboardingApiActions.stepSaveFailed, (state, { error }): OnboardingFeatureState => ({ ...state, saveStatus: 'error', saveError: error, submitting: false })),
    on(OnboardingPageActions.finalizeClicked, (state): OnboardingFeatureState => ({ ...state, finalizing: true, finalizeErrors: [], finalizeError: null })),
    on(OnboardingApiActions.finalized, (state, { response }): OnboardingFeatureState => ({ ...state, state: response.state })),
    on(OnboardingApiActions.finalizeRejected, (state, { errors, error }): OnboardingFeatureState => ({ ...state, finalizing: false, finalizeErrors: errors, finalizeError: error })),
    on(OnboardingApiActions.finalizeFailed, (state, { error }): OnboardingFeatureState => ({ ...state, finalizing: false, finalizeError: error })),
  ),
  extraSelectors: ({ selectState }) => {
    const selectAnswers = createSelector(selectState, (state) => state?.answers ?? {});
    const selectCompletedSteps = createSelector(selectState, (state): readonly StepId[] => state?.completedSteps ?? []);
    // Every step done: the wizard opens on the review summary; otherwise on the first open step.
    const selectIsAllCompleted = createSelector(selectCompletedSteps, (done) => done.length === ONBOARDING_STEPS.length);
    const selectResumeAt = createSelector(selectState, selectIsAllCompleted, (state, all): StepId | 'summary' | null => (!state ? null : all ? 'summary' : state.currentStep));
    return { selectAnswers, selectCompletedSteps, selectIsAllCompleted, selectResumeAt };
  },
});

export const {
  selectState,
  selectLoading,
  selectLoadError,
  selectSaveStatus,
  selectSaveError,
  selectRejected,
  selectSubmitting,
  selectFinalizing,
  selectFinalizeErrors,
  selectFinalizeError,
  selectAnswers,
  selectCompletedSteps,
  selectIsAllCompleted,
  selectResumeAt,
} = onboardingFeature;
