import { appErrorClass } from '@raptorflow/api-platform';

const PAYMENTS_ERRORS = {
  PLAN_NOT_FOUND: 400,
  PAYMENT_NOT_FOUND: 404,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_REJECTED: 502,
  WEBHOOK_UNAUTHORIZED: 401,
  PLAN_CHANGE_REQUIRED: 409,
  REFUND_INVALID: 400,
} as const;

export type PaymentsErrorCode = keyof typeof PAYMENTS_ERRORS;

export class PaymentsError extends appErrorClass(PAYMENTS_ERRORS) {}
