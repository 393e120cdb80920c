import { randomBytes } from 'node:crypto';
import type { PayRequest, RefundRequest } from './phonepe.validation';

export type OrderState = 'PENDING' | 'COMPLETED' | 'FAILED';
export type RefundState = 'PENDING' | 'COMPLETED' | 'FAILED';
export type CheckoutOutcome = 'success' | 'failure' | 'pending';
export type SimRoute = 'token' | 'pay' | 'orderStatus' | 'refund' | 'refundStatus';
export type Fault = { status: 429 | 500; count: number } | { status: 'hang'; count: number; ms: number };

export interface SimAttempt {
  transactionId: string;
  paymentMode: string;
  timestamp: number;
  amount: number;
  state: OrderState;
  errorCode?: string;
  detailedErrorCode?: string;
  rail: { type: 'UPI'; utr: string; vpa: string };
  instrument: { type: 'ACCOUNT'; accountType: 'SAVINGS' };
}

export interface SimOrder {
  orderId: string;
  merchantOrderId: string;
  amount: number;
  state: OrderState;
  expireAt: number;
  merchantRedirectUrl: string;
  metaInfo?: Record<string, string>;
  message?: string;
  errorCode?: string;
  detailedErrorCode?: string;
  attempts: SimAttempt[];
  /** Autopay setup orders carry their subscription's details (phonepe.subscriptions.ts). */
  paymentFlow?: Record<string, unknown>;
  /** Until then the status API still reports the order as it was before its last change (statusLagMs). */
  lagUntil?: number;
}

export interface SimRefund {
  refundId: string;
  merchantRefundId: string;
  originalMerchantOrderId: string;
  amount: number;
  state: RefundState;
  timestamp: number;
  settleAt: number;
}

export type Transition =
  | { kind: 'order'; order: SimOrder }
  | { kind: 'refund'; refund: SimRefund };

export const SANDBOX_MERCHANT_ID = 'RFSANDBOXMERCHANT';
// PhonePe's code for an order that expired unpaid is UNVERIFIED; the sandbox uses this one.
export const EXPIRED_ERROR_CODE = 'TXN_AUTO_FAILED';

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/\D/g, '').slice(2, 14);
}

/** In-memory PhonePe state for one sandbox instance: tokens, orders, refunds, faults and a movable clock. */
export class PhonePeSimulator {
  readonly orders = new Map<string, SimOrder>();
  readonly orderIdIndex = new Map<string, string>();
  readonly refunds = new Map<string, SimRefund>();
  readonly tokens = new Map<string, number>();
  readonly faults = new Map<SimRoute, Fault>();
  readonly calls = new Map<SimRoute, number>();
  clockOffsetMs = 0;
  /** How long the status API lags behind a state change (the webhook does not). */
  statusLagMs = 0;
  /** How refunds end when they settle. */
  refundOutcome: 'success' | 'failure' = 'success';
  /** Other parts of the stand-in (Autopay) clear their state with the rest. */
  readonly resetHooks: (() => void)[] = [];

  constructor(
    public tokenTtlSeconds: number,
    public refundSettleMs: number,
  ) {}

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  reset(): void {
    this.orders.clear();
    this.orderIdIndex.clear();
    this.refunds.clear();
    this.tokens.clear();
    this.faults.clear();
    this.calls.clear();
    this.clockOffsetMs = 0;
    this.statusLagMs = 0;
    this.refundOutcome = 'success';
    for (const hook of this.resetHooks) hook();
  }

  count(route: SimRoute): void {
    this.calls.set(route, (this.calls.get(route) ?? 0) + 1);
  }

  /** Consumes one injected failure for the route, if any. */
  takeFault(route: SimRoute): Fault | undefined {
    const fault = this.faults.get(route);
    if (!fault) return undefined;
    if (fault.count <= 1) this.faults.delete(route);
    else this.faults.set(route, { ...fault, count: fault.count - 1 });
    return fault;
  }

  issueToken(): { access_token: string; issued_at: number; expires_at: number } {
    const token = randomBytes(24).toString('base64url');
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.tokenTtlSeconds;
    this.tokens.set(token, expiresAt * 1000);
    return { access_token: token, issued_at: issuedAt, expires_at: expiresAt };
  }

  isLiveToken(token: string): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && this.now() < expiresAt;
  }

  createOrder(request: PayRequest): SimOrder | undefined {
    if (this.orders.has(request.merchantOrderId)) return undefined;
    const now = this.now();
    const order: SimOrder = {
      orderId: `OMO${stamp(now)}${randomBytes(6).toString('hex').toUpperCase()}`,
      merchantOrderId: request.merchantOrderId,
      amount: request.amount,
      state: 'PENDING',
      expireAt: now + request.expireAfterSeconds * 1000,
      merchantRedirectUrl: request.redirectUrl,
      metaInfo: request.metaInfo,
      message: request.message,
      attempts: [],
    };
    this.orders.set(order.merchantOrderId, order);
    this.orderIdIndex.set(order.orderId, order.merchantOrderId);
    return order;
  }

  /** By PhonePe orderId or by merchantOrderId. */
  findOrder(id: string): SimOrder | undefined {
    return this.orders.get(this.orderIdIndex.get(id) ?? id);
  }

  /** Applies a hosted-page outcome; returns the order if its state changed (so a webhook is due). */
  complete(order: SimOrder, outcome: CheckoutOutcome): SimOrder | undefined {
    if (order.state !== 'PENDING' || this.expire(order)) return undefined;
    return this.attempt(order, outcome);
  }

  /** The bank confirms a payment after the order expired or failed: PhonePe reports it COMPLETED after all. */
  lateCapture(order: SimOrder): SimOrder | undefined {
    if (order.state === 'COMPLETED') return undefined;
    order.state = 'PENDING';
    return this.attempt(order, 'success');
  }

  private attempt(order: SimOrder, outcome: CheckoutOutcome): SimOrder | undefined {
    const now = this.now();
    const attempt: SimAttempt = {
      transactionId: `OM${stamp(now)}${randomBytes(5).toString('hex').toUpperCase()}`,
      paymentMode: 'UPI_QR',
      timestamp: now,
      amount: order.amount,
      state: outcome === 'success' ? 'COMPLETED' : outcome === 'failure' ? 'FAILED' : 'PENDING',
      rail: { type: 'UPI', utr: String(now).slice(-12), vpa: 'sandbox@ybl' },
      instrument: { type: 'ACCOUNT', accountType: 'SAVINGS' },
    };
    // Sample failure codes from PhonePe's order-status docs.
    if (outcome === 'failure') Object.assign(attempt, { errorCode: 'PAYMENT_ERROR', detailedErrorCode: 'XC' });
    order.attempts.push(attempt);
    if (outcome === 'pending') return undefined;
    order.state = attempt.state;
    order.errorCode = attempt.errorCode;
    order.detailedErrorCode = attempt.detailedErrorCode;
    order.lagUntil = this.statusLagMs > 0 ? now + this.statusLagMs : undefined;
    return order;
  }

  /** PENDING past expireAt becomes FAILED; returns whether it changed now. */
  expire(order: SimOrder): boolean {
    if (order.state !== 'PENDING' || this.now() < order.expireAt) return false;
    order.state = 'FAILED';
    order.errorCode = EXPIRED_ERROR_CODE;
    order.detailedErrorCode = undefined;
    for (const attempt of order.attempts) if (attempt.state === 'PENDING') attempt.state = 'FAILED';
    return true;
  }

  refundable(order: SimOrder): number {
    let refunded = 0;
    for (const refund of this.refunds.values()) {
      if (refund.originalMerchantOrderId === order.merchantOrderId && refund.state !== 'FAILED') refunded += refund.amount;
    }
    return order.amount - refunded;
  }

  createRefund(request: RefundRequest): SimRefund {
    const now = this.now();
    const refund: SimRefund = {
      refundId: `OMR${stamp(now)}${randomBytes(6).toString('hex').toUpperCase()}`,
      merchantRefundId: request.merchantRefundId,
      originalMerchantOrderId: request.originalMerchantOrderId,
      amount: request.amount,
      state: 'PENDING',
      timestamp: now,
      settleAt: now + this.refundSettleMs,
    };
    this.refunds.set(refund.merchantRefundId, refund);
    return refund;
  }

  /** Moves due orders to FAILED and due refunds to COMPLETED; returns what changed. */
  sweep(): Transition[] {
    const changed: Transition[] = [];
    for (const order of this.orders.values()) if (this.expire(order)) changed.push({ kind: 'order', order });
    for (const refund of this.refunds.values()) {
      if (refund.state === 'PENDING' && this.now() >= refund.settleAt) {
        refund.state = this.refundOutcome === 'failure' ? 'FAILED' : 'COMPLETED';
        changed.push({ kind: 'refund', refund });
      }
    }
    return changed;
  }
}

/** What the status API shows at `now`: while the order's lag lasts, the state before its last attempt. */
export function polledStatusBody(order: SimOrder, options: { details: boolean; errorContext: boolean }, now: number) {
  if (order.lagUntil === undefined || now >= order.lagUntil) return orderStatusBody(order, options);
  const attempts = order.attempts.slice(0, -1);
  return orderStatusBody({ ...order, state: 'PENDING', errorCode: undefined, detailedErrorCode: undefined, attempts }, options);
}

export function orderStatusBody(order: SimOrder, options: { details: boolean; errorContext: boolean }) {
  const attempts = options.details ? order.attempts : order.attempts.slice(-1);
  return {
    orderId: order.orderId,
    merchantOrderId: order.merchantOrderId,
    state: order.state,
    amount: order.amount,
    expireAt: order.expireAt,
    metaInfo: order.metaInfo,
    errorCode: order.errorCode,
    detailedErrorCode: order.detailedErrorCode,
    errorContext:
      options.errorContext && order.state === 'FAILED'
        ? { errorCode: order.errorCode, detailedErrorCode: order.detailedErrorCode, source: 'SANDBOX', description: 'Payment failed' }
        : undefined,
    paymentFlow: order.paymentFlow,
    paymentDetails: attempts.map((attempt) => ({ ...attempt })),
  };
}

export function refundStatusBody(refund: SimRefund) {
  return {
    merchantRefundId: refund.merchantRefundId,
    originalMerchantOrderId: refund.originalMerchantOrderId,
    refundId: refund.refundId,
    amount: refund.amount,
    state: refund.state,
    timestamp: refund.timestamp,
    paymentDetails: [],
  };
}

export function webhookFor(transition: Transition): { event: string; type: string; payload: Record<string, unknown> } {
  if (transition.kind === 'refund') {
    const state = transition.refund.state;
    const event = state === 'COMPLETED' ? 'pg.refund.completed' : state === 'FAILED' ? 'pg.refund.failed' : 'pg.refund.accepted';
    return { event, type: event.toUpperCase().replace(/\./g, '_'), payload: { merchantId: SANDBOX_MERCHANT_ID, ...refundStatusBody(transition.refund) } };
  }
  const order = transition.order;
  // Autopay setup orders have their own callbacks (PhonePe's subscription v2 callback reference).
  const flow = order.paymentFlow?.['type'] === 'SUBSCRIPTION_CHECKOUT_SETUP' ? 'subscription.setup.order' : 'checkout.order';
  const event = `${flow}.${order.state === 'COMPLETED' ? 'completed' : 'failed'}`;
  return {
    event,
    type: event.toUpperCase().replace(/\./g, '_'),
    payload: { merchantId: SANDBOX_MERCHANT_ID, ...orderStatusBody(order, { details: true, errorContext: false }), errorContext: undefined },
  };
}

