import { appErrorClass } from '@raptorflow/api-platform';

const PLAN_CHANGE_ERRORS = {
  PLAN_NOT_FOUND: 400,
  OWNER_REQUIRED: 403,
  SUBSCRIPTION_NOT_RUNNING: 409,
  SUBSCRIPTION_CANCELLED: 409,
  PLAN_UNCHANGED: 409,
  SEATS_IN_USE: 409,
  CHANGE_LOCKED: 409,
  RESUME_TOO_LATE: 409,
} as const;

export type PlanChangeErrorCode = keyof typeof PLAN_CHANGE_ERRORS;

export class PlanChangeError extends appErrorClass(PLAN_CHANGE_ERRORS) {}
