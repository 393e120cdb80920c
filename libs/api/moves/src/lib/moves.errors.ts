import { AppError } from '@raptorflow/api-platform';
import type { RuleViolation } from './moves.rules';

export type MovesErrorCode =
  | 'NOT_A_MEMBER'
  | 'PAYMENT_REQUIRED'
  | 'BCM_MISSING'
  | 'MOVE_NOT_FOUND'
  | 'CAMPAIGN_NOT_FOUND'
  | 'MOVE_STATUS_INVALID'
  | 'MOVE_NOT_DELETABLE'
  | 'MOVE_WEEK_TAKEN'
  | 'VALIDATION_FAILED';

const STATUS: Record<MovesErrorCode, number> = {
  NOT_A_MEMBER: 404,
  PAYMENT_REQUIRED: 402,
  BCM_MISSING: 409,
  MOVE_NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  MOVE_STATUS_INVALID: 409,
  MOVE_NOT_DELETABLE: 409,
  MOVE_WEEK_TAKEN: 409,
  VALIDATION_FAILED: 400,
};

export class MovesError extends AppError {
  constructor(code: MovesErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
  }

  /** A rule's refusal; field problems are shaped like the validation pipe's (`details: [{ field, problems }]`). */
  static from(violation: RuleViolation): MovesError {
    if (violation.code === 'VALIDATION_FAILED') {
      return new MovesError('VALIDATION_FAILED', `${violation.field}: ${violation.problem}`, [{ field: violation.field, problems: [violation.problem] }]);
    }
    return new MovesError(violation.code, violation.message, violation.details);
  }
}
