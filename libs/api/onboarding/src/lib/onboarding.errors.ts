import { AppError } from '@raptorflow/api-platform';

export type OnboardingErrorCode =
  | 'STEP_NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'ANSWERS_INCOMPLETE'
  | 'PAYMENT_REQUIRED'
  | 'ROLE_REQUIRED'
  | 'NOT_A_MEMBER'
  | 'CONTEXT_NOT_FOUND';

const STATUS: Record<OnboardingErrorCode, number> = {
  STEP_NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  ANSWERS_INCOMPLETE: 400,
  PAYMENT_REQUIRED: 402,
  ROLE_REQUIRED: 403,
  NOT_A_MEMBER: 404,
  CONTEXT_NOT_FOUND: 404,
};

export class OnboardingError extends AppError {
  constructor(code: OnboardingErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
  }
}
