import { HttpErrorResponse } from '@angular/common/http';
import { type AuthErrorView, toAuthErrorView } from '@raptorflow/web-auth-data-access';

/** An API error as the payment pages show it: a stable code plus a sentence a person can act on. */
export type PaymentsErrorView = AuthErrorView;

const MESSAGES: Record<string, string> = {
  PROVIDER_UNAVAILABLE: 'PhonePe is not responding right now. Nothing was charged; try again in a minute.',
  PROVIDER_REJECTED: 'PhonePe could not start this payment. Nothing was charged; try again in a minute.',
  OWNER_REQUIRED: 'Only the workspace owner can choose a plan. Ask them to complete the payment.',
  PAYMENT_NOT_FOUND: 'We could not find this payment. Choose a plan to start a new one.',
};

export function toPaymentsErrorView(error: unknown): PaymentsErrorView {
  const view = toAuthErrorView(error);
  return MESSAGES[view.code] ? { code: view.code, message: MESSAGES[view.code] } : view;
}

/** Errors that polling again will not fix (unknown order, no access); anything else is retried. */
export function isFinalStatusError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && [400, 403, 404].includes(error.status);
}
