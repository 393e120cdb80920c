import { AppError } from '@raptorflow/api-platform';

export type PaymentsErrorCode =
  | 'PLAN_NOT_FOUND'
  | 'OWNER_REQUIRED'
  | 'PAYMENT_NOT_FOUND'
  | 'PROVIDER_UNAVAILABLE'
  | 'PROVIDER_REJECTED'
  | 'WEBHOOK_UNAUTHORIZED'
  | 'ADMIN_REQUIRED'
  | 'REFUND_INVALID';

const STATUS: Record<PaymentsErrorCode, number> = {
  PLAN_NOT_FOUND: 400,
  OWNER_REQUIRED: 403,
  PAYMENT_NOT_FOUND: 404,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_REJECTED: 502,
  WEBHOOK_UNAUTHORIZED: 401,
  ADMIN_REQUIRED: 403,
  REFUND_INVALID: 400,
};

export class PaymentsError extends AppError {
  constructor(code: PaymentsErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
