import { appErrorClass } from '@raptorflow/api-platform';

const TRIALS_ERRORS = {
  // The plan carries no trial days (plans.ts): a field error.
  TRIAL_NOT_OFFERED: 400,
  // workspace_trials already has this workspace's one trial.
  TRIAL_ALREADY_USED: 409,
  // The workspace has (or had) a subscription: a trial is for a workspace that never had one.
  TRIAL_UNAVAILABLE: 409,
} as const;

export type TrialsErrorCode = keyof typeof TRIALS_ERRORS;

export class TrialsError extends appErrorClass(TRIALS_ERRORS) {}
