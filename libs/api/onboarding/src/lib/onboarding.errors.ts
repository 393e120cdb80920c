import { appErrorClass } from '@raptorflow/api-platform';

const ONBOARDING_ERRORS = {
  STEP_NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  ANSWERS_INCOMPLETE: 400,
  PAYMENT_REQUIRED: 402,
  ROLE_REQUIRED: 403,
  NOT_A_MEMBER: 404,
  CONTEXT_NOT_FOUND: 404,
} as const;

export type OnboardingErrorCode = keyof typeof ONBOARDING_ERRORS;

export class OnboardingError extends appErrorClass(ONBOARDING_ERRORS) {}
