import { appErrorClass } from '@raptorflow/api-platform';

const BCM_ERRORS = {
  NOT_A_MEMBER: 403,
  ROLE_REQUIRED: 403,
  SUBSCRIPTION_REQUIRED: 402,
  NO_CONTEXT: 409,
  REBUILD_LIMIT: 429,
  VERSION_NOT_FOUND: 404,
  // Worker-side only: the latest business_context cannot be built; retrying would not help.
  CONTEXT_INVALID: 422,
} as const;

export type BcmErrorCode = keyof typeof BCM_ERRORS;

export class BcmError extends appErrorClass(BCM_ERRORS) {
  /** A rebuild that failed this way fails again on retry (same input, deterministic builder). */
  get permanent(): boolean {
    return this.code === 'CONTEXT_INVALID' || this.code === 'NO_CONTEXT';
  }
}
