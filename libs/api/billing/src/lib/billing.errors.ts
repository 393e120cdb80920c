import { appErrorClass } from '@raptorflow/api-platform';

const BILLING_ERRORS = {
  OWNER_REQUIRED: 403,
  VALIDATION_FAILED: 400,
} as const;

export type BillingErrorCode = keyof typeof BILLING_ERRORS;

export class BillingError extends appErrorClass(BILLING_ERRORS) {}
