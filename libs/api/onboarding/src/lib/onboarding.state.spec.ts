import { SAMPLE_BUSINESS_CONTEXT, STEP_IDS, StepId, validateBusinessContext } from '@raptorflow/contracts';
import { isDatabaseUnavailable } from './db-unavailable.util';
import { applyStep, assembleContext, draftFromContext, orderSteps, progressOf, resumeStep, toOnboardingState } from './onboarding.state';

const firstSteps = (n: number): StepId[] => STEP_IDS.slice(0, n);

describe('resume step and progress', () => {
  it.each([
    ['nothing completed', [], 'company', 0],
    ['the first five steps', firstSteps(5), 'icp_primary', 5 / 23],
    ['steps out of order (2 and 4)', ['problem', 'stage'], 'company', 2 / 23],
    ['everything but an optional step', STEP_IDS.filter((id) => id !== 'icp_secondary'), 'icp_secondary', 22 / 23],
    ['everything', [...STEP_IDS], 'review', 1],
  ] as const)('with %s', (_, completed, current, progress) => {
    expect(resumeStep(completed)).toBe(current);
    expect(progressOf(completed)).toBeCloseTo(progress, 10);
  });

  it('ignores unknown and duplicate step ids and keeps catalog order', () => {
    expect(orderSteps(['review', 'nope', 'company', 'company'])).toEqual(['company', 'review']);
    expect(progressOf(['nope', 'company', 'company'])).toBeCloseTo(1 / 23, 10);
  });
});

describe('applyStep', () => {
  const empty = { answers: {}, completedSteps: [] as StepId[] };

  it('stores normalized answers and completes the step when asked', () => {
    const next = applyStep(empty, 'company', { companyName: '  Acme  ', website: '', industry: 'saas' }, true);
    expect(next.answers).toEqual({ company: { companyName: 'Acme', industry: 'saas' } });
    expect(next.completedSteps).toEqual(['company']);
    expect(next.currentStep).toBe('stage');
  });

  it('replaces a step’s answers and un-completes it when saved as a draft', () => {
    const done = applyStep(applyStep(empty, 'stage', { stage: 'idea', teamSize: 2 }, true), 'company', { companyName: 'A', industry: 'saas' }, true);
    expect(done.completedSteps).toEqual(['company', 'stage']);
    const draft = applyStep(done, 'company', { companyName: 'B' }, false);
    expect(draft.answers.company).toEqual({ companyName: 'B' });
    expect(draft.answers.stage).toEqual({ stage: 'idea', teamSize: 2 });
    expect(draft.completedSteps).toEqual(['stage']);
    expect(draft.currentStep).toBe('company');
  });
});

describe('assembleContext', () => {
  it('drops unanswered steps so finalize names them, and accepts the sample saved step by step', () => {
    let draft = { answers: {}, completedSteps: [] as StepId[] };
    for (const id of STEP_IDS) {
      const answers = SAMPLE_BUSINESS_CONTEXT[id];
      if (answers) draft = applyStep(draft, id, answers, true);
    }
    expect(validateBusinessContext(assembleContext(draft.answers)).valid).toBe(true);

    const partial = assembleContext({ company: SAMPLE_BUSINESS_CONTEXT.company, stage: {}, metrics: {} });
    expect(Object.keys(partial)).toEqual(['company']);
    const missing = new Set(validateBusinessContext(partial).errors.map((e) => e.stepId));
    expect(missing.has('stage')).toBe(true);
    expect(missing.has('metrics')).toBe(false);
  });
});

describe('toOnboardingState', () => {
  it('reports an empty wizard before any save', () => {
    const state = toOnboardingState({ draft: null, status: 'not_started', contextVersion: null, savedDraft: false });
    expect(state).toMatchObject({ answers: {}, completedSteps: [], currentStep: 'company', progress: 0, status: 'not_started', updatedAt: null });
    expect(state.steps).toHaveLength(23);
  });

  it('shows a finalized context as fully answered, without a save time', () => {
    const draft = draftFromContext(SAMPLE_BUSINESS_CONTEXT, new Date('2026-11-25T10:00:00Z'));
    const state = toOnboardingState({ draft, status: 'completed', contextVersion: 3, savedDraft: false });
    expect(state).toMatchObject({ currentStep: 'review', progress: 1, contextVersion: 3, updatedAt: null });
    expect(state.answers.company).toEqual(SAMPLE_BUSINESS_CONTEXT.company);
  });

  it('derives current step and progress from the completed steps, not from what was stored', () => {
    const state = toOnboardingState({
      draft: { answers: {}, completedSteps: ['stage', 'company'], currentStep: 'review', updatedAt: '2026-11-25T10:00:00.000Z' },
      status: 'in_progress',
      contextVersion: null,
      savedDraft: true,
    });
    expect(state).toMatchObject({ completedSteps: ['company', 'stage'], currentStep: 'offering', updatedAt: '2026-11-25T10:00:00.000Z' });
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006' }, true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ code: '23505', message: 'duplicate key' }, false],
    [new Error('boom'), false],
    [undefined, false],
  ])('%p -> %p', (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
