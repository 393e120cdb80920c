import { appErrorClass } from '@raptorflow/api-platform';

const OPS_ERRORS = {
  WORKSPACE_NOT_FOUND: 404,
  PAYMENT_NOT_FOUND: 404,
  SUBSCRIPTION_NOT_FOUND: 404,
  RECEIPT_UNAVAILABLE: 409,
  QUEUE_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  JOB_NOT_FAILED: 409,
} as const;

export type OpsErrorCode = keyof typeof OPS_ERRORS;

export class OpsError extends appErrorClass(OPS_ERRORS) {}
