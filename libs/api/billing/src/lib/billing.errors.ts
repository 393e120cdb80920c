import { appErrorClass } from '@raptorflow/api-platform';

const BILLING_ERRORS = {
  VALIDATION_FAILED: 400,
} as const;

export type BillingErrorCode = keyof typeof BILLING_ERRORS;

export class BillingError extends appErrorClass(BILLING_ERRORS) {}
