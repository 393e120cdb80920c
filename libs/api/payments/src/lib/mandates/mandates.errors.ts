import { appErrorClass } from '@raptorflow/api-platform';

const MANDATE_ERRORS = {
  AUTOPAY_NOT_ELIGIBLE: 400,
  PLAN_NOT_FOUND: 400,
  MANDATE_NOT_FOUND: 404,
  AUTOPAY_EXISTS: 409,
  PLAN_CHANGE_REQUIRED: 409,
  MANDATE_STATE: 409,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_REJECTED: 502,
} as const;

export type MandateErrorCode = keyof typeof MANDATE_ERRORS;

export class MandateError extends appErrorClass(MANDATE_ERRORS) {}
