/**
 * The provider did not accept an email. `retryable` is true for rate limits, 5xx, network failures and
 * in-flight idempotent duplicates; false for validation and auth problems that a retry cannot fix.
 */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';

  constructor(
    /** Provider error name, e.g. rate_limit_exceeded, missing_required_field, application_error. */
    readonly code: string,
    message: string,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
