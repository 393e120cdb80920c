export type PaymentGatewayErrorCode =
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'REJECTED'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'INVALID_RESPONSE';

/**
 * The provider could not do what we asked. TIMEOUT means the outcome is unknown (the request may have
 * been processed); check status before trying again with a new merchantOrderId.
 */
export class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';

  constructor(
    readonly code: PaymentGatewayErrorCode,
    message: string,
    readonly details: { httpStatus?: number; providerCode?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  /** Whether the same call may succeed later (the caller decides whether repeating it is safe). */
  get transient(): boolean {
    return this.code === 'TIMEOUT' || this.code === 'UNAVAILABLE' || this.code === 'RATE_LIMITED';
  }
}

/** A webhook whose Authorization header does not match, or whose body is not a PhonePe callback. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';

  constructor(readonly reason: 'MISSING_AUTHORIZATION' | 'BAD_AUTHORIZATION' | 'MALFORMED_BODY') {
    super(`Webhook rejected: ${reason}`);
  }
}
