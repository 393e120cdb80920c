import type { CheckoutSession, OrderStatus } from './payment-gateway';

/** PhonePe's subscription frequencies (SDK enum Frequency); we use MONTHLY and YEARLY. */
export type MandateFrequency = 'MONTHLY' | 'YEARLY';

export interface MandateSetupInput {
  /** The setup order: its amount is the first period's payment (authWorkflowType TRANSACTION). */
  merchantOrderId: string;
  merchantSubscriptionId: string;
  amount: number;
  /** The most one debit may take (amountType VARIABLE), integer paise. */
  maxAmount: number;
  frequency: MandateFrequency;
  /** Epoch milliseconds: the mandate's validity. */
  validUntil: number;
  redirectUrl: string;
  expireAfterSeconds: number;
  metaInfo?: Record<string, string>;
  message?: string;
}

/** PhonePe's subscription states: PENDING, ACTIVE, PAUSED, REVOKED, CANCELLED, EXPIRED, FAILED (kept as sent). */
export interface SubscriptionStatus {
  merchantSubscriptionId: string;
  subscriptionId: string | null;
  state: string;
  maxAmount: number;
  frequency: string;
  /** Epoch milliseconds. */
  expireAt: number;
  pauseStartDate: number | null;
  pauseEndDate: number | null;
}

export interface NotifyInput {
  /** The redemption order's id: the same one is later redeemed. */
  merchantOrderId: string;
  merchantSubscriptionId: string;
  amount: number;
  /** Epoch milliseconds: the last moment the debit may run. */
  expireAt: number;
  metaInfo?: Record<string, string>;
}

/** A redemption order: NOTIFICATION_IN_PROGRESS, NOTIFIED, NOTIFICATION_FAILED, PENDING, COMPLETED, FAILED. */
export interface RedemptionStatus extends OrderStatus {
  /** PhonePe's own state, before mapping to PENDING | COMPLETED | FAILED. */
  providerState: string;
  notifiedAt?: number;
  /** Epoch milliseconds from which the debit may run (the notice plus 24 h). */
  validAfter?: number;
}

/**
 * Port to PhonePe Autopay (UPI mandates). Same errors as PaymentGateway (`PaymentGatewayError`); notify and
 * redeem are not retried automatically: on TIMEOUT, ask `getRedemptionStatus`.
 */
export abstract class AutopayGateway {
  abstract setupMandate(input: MandateSetupInput): Promise<CheckoutSession>;
  abstract getSubscriptionStatus(merchantSubscriptionId: string): Promise<SubscriptionStatus>;
  abstract notifyRedemption(input: NotifyInput): Promise<{ orderId: string; state: string; expireAt: number }>;
  abstract executeRedemption(merchantOrderId: string): Promise<{ transactionId: string; state: string }>;
  abstract getRedemptionStatus(merchantOrderId: string): Promise<RedemptionStatus>;
  abstract cancelSubscription(merchantSubscriptionId: string): Promise<void>;
}
