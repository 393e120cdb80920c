import { ONBOARDING_STEPS, type OnboardingState, STEP_IDS, type StepId } from '@raptorflow/contracts';

/** GET /onboarding as the API answers it, with `completed` steps done in catalog order. */
export function makeOnboardingState(completed: readonly StepId[] = [], overrides: Partial<OnboardingState> = {}): OnboardingState {
  const done = new Set(completed);
  return {
    steps: ONBOARDING_STEPS,
    answers: {},
    completedSteps: STEP_IDS.filter((id) => done.has(id)),
    currentStep: STEP_IDS.find((id) => !done.has(id)) ?? 'review',
    progress: done.size / STEP_IDS.length,
    status: done.size ? 'in_progress' : 'not_started',
    contextVersion: null,
    updatedAt: null,
    ...overrides,
  };
}
