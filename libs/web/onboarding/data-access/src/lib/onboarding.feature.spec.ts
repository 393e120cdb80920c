import { STEP_IDS } from '@raptorflow/contracts';
import { makeOnboardingState } from '../testing';
import { OnboardingApiActions, OnboardingConnectivityActions, OnboardingPageActions, type StepSave } from './onboarding.actions';
import { type OnboardingFeatureState, initialOnboardingState, onboardingFeature, selectResumeAt } from './onboarding.feature';

const { reducer } = onboardingFeature;
const save: StepSave = { stepId: 'company', answers: { companyName: 'Ledgerly' }, complete: false, next: null };
const offline = { code: 'network_error', message: "Can't reach the server." };

function reduce(...actions: Parameters<typeof reducer>[1][]): OnboardingFeatureState {
  return actions.reduce((state, action) => reducer(state, action), initialOnboardingState);
}

describe('onboarding reducer', () => {
  it('moves the autosave indicator through saving, saved, offline and back', () => {
    const saving = reduce(OnboardingPageActions.answersChanged({ save }));
    expect(saving.saveStatus).toBe('saving');
    const response = { stepId: 'company' as const, completed: false, state: makeOnboardingState() };
    expect(reducer(saving, OnboardingApiActions.stepSaved({ response, save })).saveStatus).toBe('saved');
    const lost = reducer(saving, OnboardingApiActions.stepSaveOffline({ save }));
    expect(lost.saveStatus).toBe('offline');
    expect(reducer(lost, OnboardingConnectivityActions.retryDue({ save })).saveStatus).toBe('saving');
    expect(reducer(saving, OnboardingApiActions.stepSaveFailed({ error: offline })).saveStatus).toBe('error');
  });

  it('keeps server field errors for the rejected step until it saves', () => {
    const errors = [{ path: 'company.companyName', stepId: 'company', field: 'companyName', message: 'Company name is required' }];
    const rejected = reduce(
      OnboardingPageActions.stepSubmitted({ save: { ...save, complete: true, next: 'stage' } }),
      OnboardingApiActions.stepRejected({ stepId: 'company', errors, error: offline }),
    );
    expect(rejected).toMatchObject({ submitting: false, rejected: { stepId: 'company', errors } });
    const saved = reducer(rejected, OnboardingApiActions.stepSaved({ response: { stepId: 'company', completed: true, state: makeOnboardingState(['company']) }, save }));
    expect(saved.rejected).toBeNull();
  });

  it('resumes at the first open step, or at the summary when all are done', () => {
    expect(selectResumeAt.projector(null, false)).toBeNull();
    const loaded = reduce(OnboardingApiActions.stateLoaded({ state: makeOnboardingState(['company', 'stage']) }));
    expect(selectResumeAt.projector(loaded.state, false)).toBe('offering');
    expect(selectResumeAt.projector(makeOnboardingState([...STEP_IDS]), true)).toBe('summary');
  });

  it('shows what finalize found missing', () => {
    const errors = [{ path: 'goals', stepId: 'goals', field: '', message: 'The "90-day goal" step is not answered' }];
    const state = reduce(OnboardingPageActions.finalizeClicked(), OnboardingApiActions.finalizeRejected({ errors, error: offline }));
    expect(state).toMatchObject({ finalizing: false, finalizeErrors: errors });
  });

  it('lets a founder who finalized open the wizard again and finalize their edits', () => {
    const finalized = reduce(
      OnboardingPageActions.finalizeClicked(),
      OnboardingApiActions.finalized({ response: { contextVersion: 1, state: makeOnboardingState([...STEP_IDS]) } }),
    );
    expect(finalized.finalizing).toBe(true);
    expect(reducer(finalized, OnboardingPageActions.opened())).toMatchObject({ finalizing: false, finalizeErrors: [], finalizeError: null });
  });
});
