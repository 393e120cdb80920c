import { AppError } from '@raptorflow/api-platform';

export type BcmErrorCode =
  | 'NOT_A_MEMBER'
  | 'ROLE_REQUIRED'
  | 'SUBSCRIPTION_REQUIRED'
  | 'NO_CONTEXT'
  | 'REBUILD_LIMIT'
  | 'VERSION_NOT_FOUND'
  | 'CONTEXT_INVALID';

const STATUS: Record<BcmErrorCode, number> = {
  NOT_A_MEMBER: 403,
  ROLE_REQUIRED: 403,
  SUBSCRIPTION_REQUIRED: 402,
  NO_CONTEXT: 409,
  REBUILD_LIMIT: 429,
  VERSION_NOT_FOUND: 404,
  // Worker-side only: the latest business_context cannot be built; retrying would not help.
  CONTEXT_INVALID: 422,
};

export class BcmError extends AppError {
  constructor(code: BcmErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
  }

  /** A rebuild that failed this way fails again on retry (same input, deterministic builder). */
  get permanent(): boolean {
    return this.code === 'CONTEXT_INVALID' || this.code === 'NO_CONTEXT';
  }
}
