import { appErrorClass } from '@raptorflow/api-platform';
import type { RuleViolation } from './moves.rules';

const MOVES_ERRORS = {
  NOT_A_MEMBER: 404,
  PAYMENT_REQUIRED: 402,
  BCM_MISSING: 409,
  MOVE_NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  MOVE_STATUS_INVALID: 409,
  MOVE_NOT_DELETABLE: 409,
  MOVE_WEEK_TAKEN: 409,
  VALIDATION_FAILED: 400,
  RESULTS_WRITE_FORBIDDEN: 403,
  CAMPAIGN_HAS_RESULTS: 409,
} as const;

export type MovesErrorCode = keyof typeof MOVES_ERRORS;

export class MovesError extends appErrorClass(MOVES_ERRORS) {
  /** A rule's refusal; field problems are shaped like the validation pipe's (`details: [{ field, problems }]`). */
  static from(violation: RuleViolation): MovesError {
    if (violation.code === 'VALIDATION_FAILED') {
      return new MovesError('VALIDATION_FAILED', `${violation.field}: ${violation.problem}`, [{ field: violation.field, problems: [violation.problem] }]);
    }
    return new MovesError(violation.code, violation.message, violation.details);
  }
}
