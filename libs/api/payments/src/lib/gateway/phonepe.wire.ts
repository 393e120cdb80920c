import type { OrderStatus, PaymentAttempt, PaymentState, RefundStatus } from './payment-gateway';

// Shapes as PhonePe sends them (phonepe.md 1.3-1.7); parsed leniently, unknown fields ignored.
export interface WireToken {
  access_token: string;
  token_type?: string;
  issued_at?: number;
  expires_at: number;
}

export interface WirePayResponse {
  orderId: string;
  state: string;
  expireAt: number;
  redirectUrl: string;
}

export interface WireAttempt {
  transactionId: string;
  paymentMode?: string;
  timestamp?: number;
  amount: number;
  state: string;
  errorCode?: string;
  detailedErrorCode?: string;
}

export interface WireOrderStatus {
  orderId: string;
  merchantOrderId?: string;
  state: string;
  amount: number;
  expireAt: number;
  errorCode?: string;
  detailedErrorCode?: string;
  metaInfo?: Record<string, string>;
  paymentDetails?: WireAttempt[];
}

export interface WireRefundStatus {
  merchantRefundId: string;
  originalMerchantOrderId: string;
  refundId: string;
  amount: number;
  state: string;
  timestamp?: number;
  errorCode?: string;
}

export interface WireError {
  code?: string;
  errorCode?: string;
  message?: string;
}

/** COMPLETED and FAILED are terminal; CREATED, PENDING and a refund's CONFIRMED are all still pending. */
export function toState(state: string): PaymentState {
  return state === 'COMPLETED' || state === 'FAILED' ? state : 'PENDING';
}

function toAttempt(wire: WireAttempt): PaymentAttempt {
  return {
    transactionId: wire.transactionId,
    paymentMode: wire.paymentMode,
    timestamp: wire.timestamp,
    amount: wire.amount,
    state: toState(wire.state),
    errorCode: wire.errorCode,
    detailedErrorCode: wire.detailedErrorCode,
  };
}

export function toOrderStatus(wire: WireOrderStatus, merchantOrderId: string): OrderStatus {
  return {
    orderId: wire.orderId,
    merchantOrderId: wire.merchantOrderId ?? merchantOrderId,
    state: toState(wire.state),
    amount: wire.amount,
    expireAt: wire.expireAt,
    errorCode: wire.errorCode,
    detailedErrorCode: wire.detailedErrorCode,
    metaInfo: wire.metaInfo,
    paymentDetails: (wire.paymentDetails ?? []).map(toAttempt),
  };
}

export function toRefundStatus(wire: WireRefundStatus): RefundStatus {
  return {
    merchantRefundId: wire.merchantRefundId,
    originalMerchantOrderId: wire.originalMerchantOrderId,
    refundId: wire.refundId,
    amount: wire.amount,
    state: toState(wire.state),
    timestamp: wire.timestamp,
    errorCode: wire.errorCode,
  };
}
