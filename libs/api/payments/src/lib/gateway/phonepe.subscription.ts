// PhonePe Autopay (subscriptions v2) over the same token and HTTP client as Standard Checkout. Paths and
// field names from PhonePe's Java SDK (SubscriptionConstants, SubscriptionSetupPaymentFlow,
// SubscriptionRedemptionPaymentFlow, SubscriptionStatusResponseV2, SubscriptionRedeemResponseV2); web setup is
// Standard Checkout's /checkout/v2/pay with paymentFlow.type SUBSCRIPTION_CHECKOUT_SETUP.
import { AutopayGateway, type MandateSetupInput, type NotifyInput, type RedemptionStatus, type SubscriptionStatus } from './autopay-gateway';
import type { CheckoutSession, OrderStatus, OrderStatusOptions, WebhookEvent } from './payment-gateway';
import { PhonePeGateway } from './phonepe.gateway';
import { toOrderStatus, toState, type WireOrderStatus, type WirePayResponse } from './phonepe.wire';

/** Our redemption orders carry this prefix; their status comes from the subscriptions API. */
export const REDEMPTION_ORDER_PREFIX = 'RFD_';

interface WireSubscriptionStatus {
  merchantSubscriptionId: string;
  subscriptionId?: string;
  state: string;
  maxAmount: number | string;
  frequency: string;
  expireAt: number | string;
  pauseStartDate?: number | null;
  pauseEndDate?: number | null;
}

interface WireRedemptionStatus extends WireOrderStatus {
  paymentFlow?: { notifiedAt?: number | string; validAfter?: number | string };
}

const num = (value: number | string | null | undefined): number | undefined => (value === null || value === undefined || value === '' ? undefined : Number(value));

/** One PhonePe client for both ports (one token cache): Standard Checkout plus Autopay. */
export class PhonePeAutopayGateway extends PhonePeGateway implements AutopayGateway {
  async setupMandate(input: MandateSetupInput): Promise<CheckoutSession> {
    const wire = await this.call<WirePayResponse>('subscription setup', 'POST', '/checkout/v2/pay', {
      merchantOrderId: input.merchantOrderId,
      amount: input.amount,
      expireAfter: input.expireAfterSeconds,
      metaInfo: input.metaInfo,
      paymentFlow: {
        type: 'SUBSCRIPTION_CHECKOUT_SETUP',
        message: input.message,
        merchantUrls: { redirectUrl: input.redirectUrl },
        subscriptionDetails: {
          subscriptionType: 'RECURRING',
          merchantSubscriptionId: input.merchantSubscriptionId,
          authWorkflowType: 'TRANSACTION',
          amountType: 'VARIABLE',
          maxAmount: input.maxAmount,
          frequency: input.frequency,
          expireAt: input.validUntil,
        },
      },
    });
    return { orderId: wire.orderId, state: toState(wire.state), expireAt: wire.expireAt, redirectUrl: wire.redirectUrl };
  }

  async getSubscriptionStatus(merchantSubscriptionId: string): Promise<SubscriptionStatus> {
    const wire = await this.call<WireSubscriptionStatus>('subscription status', 'GET', `/subscriptions/v2/${encodeURIComponent(merchantSubscriptionId)}/status`);
    return {
      merchantSubscriptionId: wire.merchantSubscriptionId ?? merchantSubscriptionId,
      subscriptionId: wire.subscriptionId ?? null,
      state: wire.state,
      maxAmount: Number(wire.maxAmount),
      frequency: wire.frequency,
      expireAt: Number(wire.expireAt),
      pauseStartDate: num(wire.pauseStartDate) ?? null,
      pauseEndDate: num(wire.pauseEndDate) ?? null,
    };
  }

  async notifyRedemption(input: NotifyInput): Promise<{ orderId: string; state: string; expireAt: number }> {
    return this.call('subscription notify', 'POST', '/subscriptions/v2/notify', {
      merchantOrderId: input.merchantOrderId,
      amount: input.amount,
      expireAt: input.expireAt,
      metaInfo: input.metaInfo,
      // We retry failed debits on our own schedule (mandate.rules.ts), so PhonePe's CUSTOM strategy.
      paymentFlow: { type: 'SUBSCRIPTION_REDEMPTION', merchantSubscriptionId: input.merchantSubscriptionId, redemptionRetryStrategy: 'CUSTOM', autoDebit: false },
    });
  }

  async executeRedemption(merchantOrderId: string): Promise<{ transactionId: string; state: string }> {
    return this.call('subscription redeem', 'POST', '/subscriptions/v2/redeem', { merchantOrderId });
  }

  async getRedemptionStatus(merchantOrderId: string): Promise<RedemptionStatus> {
    const wire = await this.call<WireRedemptionStatus>('redemption status', 'GET', `/subscriptions/v2/order/${encodeURIComponent(merchantOrderId)}/status`);
    return { ...toOrderStatus(wire, merchantOrderId), providerState: wire.state, notifiedAt: num(wire.paymentFlow?.notifiedAt), validAfter: num(wire.paymentFlow?.validAfter) };
  }

  async cancelSubscription(merchantSubscriptionId: string): Promise<void> {
    await this.call<void>('subscription cancel', 'POST', `/subscriptions/v2/${encodeURIComponent(merchantSubscriptionId)}/cancel`);
  }

  /** Redemption orders settle like checkouts, but their status lives under /subscriptions/v2/order. */
  override async getOrderStatus(merchantOrderId: string, options: OrderStatusOptions = {}): Promise<OrderStatus> {
    if (!merchantOrderId.startsWith(REDEMPTION_ORDER_PREFIX)) return super.getOrderStatus(merchantOrderId, options);
    return this.getRedemptionStatus(merchantOrderId);
  }

  /** Subscription callbacks carry a merchantSubscriptionId and no order; notification callbacks are not acted on. */
  override verifyWebhook(authorizationHeader: string | undefined, rawBody: string): WebhookEvent {
    const event = super.verifyWebhook(authorizationHeader, rawBody);
    if (event.kind === 'refund') return event;
    const payload = (JSON.parse(rawBody) as { payload: Record<string, unknown> }).payload;
    if (event.event.startsWith('subscription.notification.')) return { kind: 'unknown', event: event.event };
    if (event.kind === 'unknown' && typeof payload['merchantSubscriptionId'] === 'string') {
      return { kind: 'mandate', event: event.event, merchantSubscriptionId: payload['merchantSubscriptionId'], state: String(payload['state'] ?? '') };
    }
    return event;
  }
}
