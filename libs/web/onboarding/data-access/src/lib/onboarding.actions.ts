import type { FinalizeOnboardingResponse, NextStep, OnboardingFieldError, OnboardingState, SaveStepResponse, StepAnswers, StepId } from '@raptorflow/contracts';
import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { OnboardingErrorView } from './onboarding.errors';

/** One save of a step; `next` is where the wizard goes once it is saved (null: stay, an autosave). */
export interface StepSave {
  stepId: StepId;
  answers: StepAnswers;
  complete: boolean;
  next: string | null;
}

export const OnboardingPageActions = createActionGroup({
  source: 'Onboarding Page',
  events: {
    Opened: emptyProps(),
    'Answers Changed': props<{ save: StepSave }>(),
    'Step Submitted': props<{ save: StepSave }>(),
    'Finalize Clicked': emptyProps(),
  },
});

export const OnboardingConnectivityActions = createActionGroup({
  source: 'Onboarding Connectivity',
  events: {
    // Back online (or the retry timer fired): try the save that could not reach the server.
    'Retry Due': props<{ save: StepSave }>(),
  },
});

export const OnboardingApiActions = createActionGroup({
  source: 'Onboarding API',
  events: {
    'State Loaded': props<{ state: OnboardingState }>(),
    'State Load Failed': props<{ error: OnboardingErrorView }>(),
    'Step Saved': props<{ response: SaveStepResponse; save: StepSave }>(),
    'Step Rejected': props<{ stepId: StepId; errors: OnboardingFieldError[]; error: OnboardingErrorView }>(),
    'Step Save Offline': props<{ save: StepSave }>(),
    'Step Save Failed': props<{ error: OnboardingErrorView }>(),
    Finalized: props<{ response: FinalizeOnboardingResponse }>(),
    'Finalize Rejected': props<{ errors: OnboardingFieldError[]; error: OnboardingErrorView }>(),
    'Finalize Failed': props<{ error: OnboardingErrorView }>(),
    'Profile Refreshed': props<{ next: NextStep }>(),
  },
});
