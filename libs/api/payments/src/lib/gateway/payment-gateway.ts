/** Order and payment-attempt states; anything PhonePe reports that is not terminal (e.g. CREATED) maps to PENDING. */
export type PaymentState = 'PENDING' | 'COMPLETED' | 'FAILED';

export interface CreateCheckoutInput {
  /** Our id, unique per attempt: <= 63 chars of [A-Za-z0-9_-]. Persist it before calling so a timeout can be reconciled. */
  merchantOrderId: string;
  /** Integer paise, >= 100. */
  amount: number;
  /** Where the browser returns after the hosted page; never proof of payment. */
  redirectUrl: string;
  /** Seconds until the order expires (PhonePe accepts 300..3600). */
  expireAfterSeconds?: number;
  /** udf1..udf15, echoed back in status and webhooks. */
  metaInfo?: Record<string, string>;
  message?: string;
}

export interface CheckoutSession {
  orderId: string;
  state: PaymentState;
  /** Epoch milliseconds. */
  expireAt: number;
  /** The hosted checkout page to send the browser to. */
  redirectUrl: string;
}

export interface PaymentAttempt {
  transactionId: string;
  paymentMode?: string;
  /** Epoch milliseconds. */
  timestamp?: number;
  amount: number;
  state: PaymentState;
  errorCode?: string;
  detailedErrorCode?: string;
}

export interface OrderStatus {
  orderId: string;
  merchantOrderId: string;
  state: PaymentState;
  amount: number;
  expireAt: number;
  errorCode?: string;
  detailedErrorCode?: string;
  metaInfo?: Record<string, string>;
  paymentDetails: PaymentAttempt[];
}

export interface OrderStatusOptions {
  /** All attempts instead of only the latest. */
  details?: boolean;
  errorContext?: boolean;
}

export interface RefundInput {
  merchantRefundId: string;
  merchantOrderId: string;
  /** Integer paise, >= 100 and <= the order amount. */
  amount: number;
}

export interface RefundResult {
  refundId: string;
  amount: number;
  state: PaymentState;
}

export interface RefundStatus extends RefundResult {
  merchantRefundId: string;
  originalMerchantOrderId: string;
  /** Epoch milliseconds. */
  timestamp?: number;
  errorCode?: string;
}

export interface OrderWebhookEvent {
  kind: 'order';
  /** e.g. checkout.order.completed; decide on `state`, not on the event name. */
  event: string;
  merchantOrderId: string;
  orderId: string;
  state: PaymentState;
  amount: number;
  expireAt?: number;
  errorCode?: string;
  detailedErrorCode?: string;
  metaInfo?: Record<string, string>;
  paymentDetails: PaymentAttempt[];
}

export interface RefundWebhookEvent {
  kind: 'refund';
  event: string;
  merchantRefundId: string;
  originalMerchantOrderId: string;
  refundId: string;
  state: PaymentState;
  amount: number;
  errorCode?: string;
}

/** A change of an Autopay mandate (subscription.paused, .unpaused, .revoked, .cancelled): a hint to ask its status. */
export interface MandateWebhookEvent {
  kind: 'mandate';
  event: string;
  merchantSubscriptionId: string;
  state: string;
}

export interface UnknownWebhookEvent {
  kind: 'unknown';
  event: string;
}

/** A verified callback. Webhooks carry no body signature and can be replayed or duplicated: treat them as hints. */
export type WebhookEvent = OrderWebhookEvent | RefundWebhookEvent | MandateWebhookEvent | UnknownWebhookEvent;

/**
 * Port to the payment provider (PhonePe PG v2 in production, the sandbox simulator locally).
 * Methods throw `PaymentGatewayError`; `verifyWebhook` throws `WebhookVerificationError`.
 */
export abstract class PaymentGateway {
  /** Not idempotent and never retried automatically: on TIMEOUT, reconcile with `getOrderStatus`. */
  abstract createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession>;
  abstract getOrderStatus(merchantOrderId: string, options?: OrderStatusOptions): Promise<OrderStatus>;
  /** Not idempotent and never retried automatically: on TIMEOUT, reconcile with `getRefundStatus`. */
  abstract refund(input: RefundInput): Promise<RefundResult>;
  abstract getRefundStatus(merchantRefundId: string): Promise<RefundStatus>;
  abstract verifyWebhook(authorizationHeader: string | undefined, rawBody: string): WebhookEvent;
}
