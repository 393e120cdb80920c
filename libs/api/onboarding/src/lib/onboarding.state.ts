// Pure decisions about a draft: merging a saved step, the resume step, progress and the finalized context.
import {
  BusinessContextData,
  normalizeAnswers,
  ONBOARDING_STEPS,
  OnboardingAnswers,
  OnboardingState,
  OnboardingStatus,
  STEP_IDS,
  StepId,
} from '@raptorflow/contracts';

/** A workspace's draft as both stores hold it. */
export interface Draft {
  answers: OnboardingAnswers;
  completedSteps: StepId[];
  currentStep: StepId;
  revision: number;
  updatedAt: string;
}

/** Completed steps in catalog order, unknown ids dropped. */
export function orderSteps(steps: readonly string[]): StepId[] {
  const set = new Set(steps);
  return STEP_IDS.filter((id) => set.has(id));
}

/**
 * Where the wizard resumes: the first step, in catalog order, not yet completed (optional steps included, so a
 * founder who stopped before an optional step sees it), or 'review' when all are.
 */
export function resumeStep(completedSteps: readonly string[]): StepId {
  const done = new Set(completedSteps);
  return STEP_IDS.find((id) => !done.has(id)) ?? 'review';
}

/** Share of the 23 steps completed, 0..1. */
export function progressOf(completedSteps: readonly string[]): number {
  return orderSteps(completedSteps).length / STEP_IDS.length;
}

/** The draft after saving one step: its answers replace the step's previous answers. */
export function applyStep(
  draft: Pick<Draft, 'answers' | 'completedSteps'>,
  stepId: StepId,
  answers: object,
  completed: boolean,
): Pick<Draft, 'answers' | 'completedSteps' | 'currentStep'> {
  const merged: OnboardingAnswers = { ...draft.answers, [stepId]: normalizeAnswers(answers) };
  const others = draft.completedSteps.filter((id) => id !== stepId);
  const completedSteps = orderSteps(completed ? [...others, stepId] : others);
  return { answers: merged, completedSteps, currentStep: resumeStep(completedSteps) };
}

/** The business_context candidate from a draft: steps with no answer at all are left out (so they are named as missing). */
export function assembleContext(answers: OnboardingAnswers): Partial<BusinessContextData> {
  const context: Record<string, unknown> = {};
  for (const step of ONBOARDING_STEPS) {
    const stepAnswers = normalizeAnswers(answers[step.id]);
    if (stepAnswers && typeof stepAnswers === 'object' && Object.keys(stepAnswers).length > 0) context[step.id] = stepAnswers;
  }
  return context as Partial<BusinessContextData>;
}

/** A finalized context seen as a draft: every step done, so the wizard opens on the review step. */
export function draftFromContext(data: Partial<BusinessContextData>, createdAt: Date): Omit<Draft, 'revision'> {
  return { answers: data as OnboardingAnswers, completedSteps: [...STEP_IDS], currentStep: 'review', updatedAt: createdAt.toISOString() };
}

export interface StateInput {
  draft: Omit<Draft, 'revision'> | null;
  status: OnboardingStatus;
  contextVersion: number | null;
  /** Whether `draft` is the real draft (its time is the last save) rather than the latest context. */
  savedDraft: boolean;
}

export function toOnboardingState({ draft, status, contextVersion, savedDraft }: StateInput): OnboardingState {
  const completedSteps = orderSteps(draft?.completedSteps ?? []);
  return {
    steps: ONBOARDING_STEPS,
    answers: draft?.answers ?? {},
    completedSteps,
    currentStep: resumeStep(completedSteps),
    progress: progressOf(completedSteps),
    status,
    contextVersion,
    updatedAt: savedDraft && draft ? draft.updatedAt : null,
  };
}
