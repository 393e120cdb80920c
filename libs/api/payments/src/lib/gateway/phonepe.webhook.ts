import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './payment-gateway.errors';
import type { WebhookEvent } from './payment-gateway';
import { toOrderStatus, toRefundStatus, type WireOrderStatus, type WireRefundStatus } from './phonepe.wire';

/** PhonePe's callback credential: lowercase hex SHA-256 of "username:password". */
export function phonePeWebhookAuthorization(username: string, password: string): string {
  return createHash('sha256').update(`${username}:${password}`).digest('hex');
}

/** Constant-time check; tolerates a "SHA256 " prefix and uppercase hex. */
export function isValidPhonePeAuthorization(header: string | undefined, expectedHex: string): boolean {
  if (!header) return false;
  const presented = header.trim().replace(/^sha256\s+/i, '').toLowerCase();
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expectedHex, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

interface WireWebhook {
  event?: unknown;
  type?: unknown;
  payload?: Record<string, unknown>;
}

export function verifyPhonePeWebhook(
  header: string | undefined,
  rawBody: string,
  expectedHex: string,
): WebhookEvent {
  if (!header) throw new WebhookVerificationError('MISSING_AUTHORIZATION');
  if (!isValidPhonePeAuthorization(header, expectedHex)) throw new WebhookVerificationError('BAD_AUTHORIZATION');
  let body: WireWebhook;
  try {
    body = JSON.parse(rawBody) as WireWebhook;
  } catch {
    throw new WebhookVerificationError('MALFORMED_BODY');
  }
  const payload = body?.payload;
  // `type` is deprecated but still sent; use it only when `event` is missing.
  const event = typeof body?.event === 'string' ? body.event : typeof body?.type === 'string' ? body.type : undefined;
  if (!event || !payload || typeof payload !== 'object') throw new WebhookVerificationError('MALFORMED_BODY');
  if (typeof payload['merchantRefundId'] === 'string') {
    return { kind: 'refund', event, ...toRefundStatus(payload as unknown as WireRefundStatus) };
  }
  if (typeof payload['merchantOrderId'] === 'string' && typeof payload['orderId'] === 'string') {
    const merchantOrderId = payload['merchantOrderId'];
    return { kind: 'order', event, ...toOrderStatus(payload as unknown as WireOrderStatus, merchantOrderId) };
  }
  return { kind: 'unknown', event };
}
