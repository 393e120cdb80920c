// Stand-in for PhonePe Autopay (UPI mandates, "subscriptions v2"). Wire shapes from PhonePe's Java SDK
// (com.phonepe.sdk.pg.subscription.v2: SubscriptionConstants, SubscriptionSetupPaymentFlow,
// SubscriptionRedemptionPaymentFlow(+Response), SubscriptionStatusResponseV2, SubscriptionRedeemResponseV2,
// CallbackData) and PhonePe's published callback samples. Web setup goes through POST /checkout/v2/pay with
// paymentFlow.type SUBSCRIPTION_CHECKOUT_SETUP (india-billing.md); the SDK's /subscriptions/v2/setup is the
// app (intent/collect) variant and is not simulated.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatPaise } from './phonepe.checkout-page';
import { phonePeError, type PhonePeContext } from './phonepe.context';
import { orderStatusBody, SANDBOX_MERCHANT_ID, type SimOrder } from './phonepe.simulator';
import { validatePay } from './phonepe.validation';

export type SubscriptionState = 'PENDING' | 'ACTIVE' | 'PAUSED' | 'REVOKED' | 'CANCELLED' | 'EXPIRED' | 'FAILED';
export type RedemptionState = 'NOTIFICATION_IN_PROGRESS' | 'NOTIFIED' | 'NOTIFICATION_FAILED' | 'PENDING' | 'COMPLETED' | 'FAILED';
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'FORTNIGHTLY', 'BIMONTHLY', 'ON_DEMAND', 'QUARTERLY', 'HALFYEARLY'];
// RBI e-mandate rule: the pre-debit notice goes out at least 24 h before the debit.
export const PRE_DEBIT_NOTICE_MS = 24 * 3600_000;

export interface SimSubscription {
  merchantSubscriptionId: string;
  subscriptionId: string;
  state: SubscriptionState;
  authWorkflowType: 'TRANSACTION' | 'PENNY_DROP';
  amountType: 'FIXED' | 'VARIABLE';
  maxAmount: number;
  frequency: string;
  expireAt: number;
  pauseStartDate: number | null;
  pauseEndDate: number | null;
  setupMerchantOrderId: string;
}

export interface SimRedemption {
  merchantOrderId: string;
  orderId: string;
  merchantSubscriptionId: string;
  amount: number;
  state: RedemptionState;
  expireAt: number;
  metaInfo?: Record<string, string>;
  redemptionRetryStrategy: string;
  autoDebit: boolean;
  notifiedAt?: number;
  validAfter?: number;
  validUpto: number;
  transactionId?: string;
  errorCode?: string;
  detailedErrorCode?: string;
  executedAt?: number;
}

export interface AutopaySwitches {
  /** How the bank answers executed debits. */
  debitOutcome: 'success' | 'failure';
  /** Delay before PhonePe confirms a pre-debit notification (a late notification). */
  notifyDelayMs: number;
  /** Whether the bank accepts the pre-debit notification. */
  notifyOutcome: 'success' | 'failure';
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/\D/g, '').slice(2, 14);
}

const id = (prefix: string, now: number) => `${prefix}${stamp(now)}${randomBytes(5).toString('hex').toUpperCase()}`;

type Body = Record<string, unknown>;
const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Mandates and redemptions of one sandbox; time is the PhonePe simulator's movable clock. */
export class AutopaySimulator {
  readonly subscriptions = new Map<string, SimSubscription>();
  readonly redemptions = new Map<string, SimRedemption>();
  switches: AutopaySwitches = { debitOutcome: 'success', notifyDelayMs: 0, notifyOutcome: 'success' };
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: PhonePeContext) {
    ctx.sim.resetHooks.push(() => this.reset());
  }

  now(): number {
    return this.ctx.sim.now();
  }

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.subscriptions.clear();
    this.redemptions.clear();
    this.switches = { debitOutcome: 'success', notifyDelayMs: 0, notifyOutcome: 'success' };
  }

  /** A setup order expired or declined leaves its subscription FAILED; a mandate past its validity EXPIRED. */
  refresh(sub: SimSubscription): SimSubscription {
    const order = this.ctx.sim.orders.get(sub.setupMerchantOrderId);
    if (order) this.ctx.sim.expire(order);
    if (sub.state === 'PENDING' && order?.state === 'FAILED') sub.state = 'FAILED';
    if ((sub.state === 'ACTIVE' || sub.state === 'PAUSED') && this.now() >= sub.expireAt) sub.state = 'EXPIRED';
    if (sub.state === 'PAUSED' && sub.pauseEndDate !== null && this.now() >= sub.pauseEndDate) this.setState(sub, 'ACTIVE');
    return sub;
  }

  setState(sub: SimSubscription, state: SubscriptionState, pauseDays?: number): void {
    sub.state = state;
    if (state === 'PAUSED') {
      sub.pauseStartDate = this.now();
      sub.pauseEndDate = pauseDays ? this.now() + pauseDays * 86_400_000 : null;
    } else if (state === 'ACTIVE') {
      sub.pauseStartDate = null;
      sub.pauseEndDate = null;
    }
    const event = { ACTIVE: 'subscription.unpaused', PAUSED: 'subscription.paused', REVOKED: 'subscription.revoked', CANCELLED: 'subscription.cancelled' }[state as string];
    if (event) this.ctx.webhooks.dispatch({ event, type: event.toUpperCase().replace(/\./g, '_'), payload: subscriptionStatusBody(sub) });
  }

  /** The hosted mandate screen's answer: approve completes the setup order (its first debit) and activates the mandate. */
  answerSetup(order: SimOrder, approve: boolean): boolean {
    const sub = this.subscriptions.get(String(order.paymentFlow?.['merchantSubscriptionId']));
    const changed = this.ctx.sim.complete(order, approve ? 'success' : 'failure');
    if (!changed || !sub) return false;
    sub.state = approve ? 'ACTIVE' : 'FAILED';
    if (approve) (order.paymentFlow as Body)['subscriptionId'] = sub.subscriptionId;
    this.ctx.notify([{ kind: 'order', order: changed }]);
    return true;
  }

  notifyLater(redemption: SimRedemption): void {
    const settle = () => {
      if (redemption.state !== 'NOTIFICATION_IN_PROGRESS') return;
      if (this.switches.notifyOutcome === 'failure') {
        redemption.state = 'NOTIFICATION_FAILED';
        redemption.errorCode = 'NOTIFICATION_FAILED';
      } else {
        redemption.state = 'NOTIFIED';
        redemption.notifiedAt = this.now();
        redemption.validAfter = redemption.notifiedAt + PRE_DEBIT_NOTICE_MS;
      }
      const event = redemption.state === 'NOTIFIED' ? 'subscription.notification.completed' : 'subscription.notification.failed';
      this.ctx.webhooks.dispatch({ event, type: event.toUpperCase().replace(/\./g, '_'), payload: redemptionStatusBody(redemption) });
    };
    if (this.switches.notifyDelayMs <= 0) return settle();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      settle();
    }, this.switches.notifyDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** The bank answers an executed debit (in the sandbox at once, by the debitOutcome switch). */
  debit(redemption: SimRedemption): void {
    const sub = this.subscriptions.get(redemption.merchantSubscriptionId);
    const ok = this.switches.debitOutcome === 'success' && sub !== undefined && this.refresh(sub).state === 'ACTIVE';
    redemption.state = ok ? 'COMPLETED' : 'FAILED';
    if (!ok) {
      // PhonePe's sample failure codes; UPI's "insufficient funds" response code is Z9.
      redemption.errorCode = 'PAYMENT_ERROR';
      redemption.detailedErrorCode = sub?.state === 'ACTIVE' ? 'Z9' : 'MANDATE_NOT_ACTIVE';
    }
    const event = ok ? 'subscription.redemption.order.completed' : 'subscription.redemption.order.failed';
    this.ctx.webhooks.dispatch({ event, type: event.toUpperCase().replace(/\./g, '_'), payload: redemptionStatusBody(redemption) });
  }
}

export function subscriptionStatusBody(sub: SimSubscription) {
  return {
    merchantSubscriptionId: sub.merchantSubscriptionId,
    subscriptionId: sub.subscriptionId,
    state: sub.state,
    authWorkflowType: sub.authWorkflowType,
    amountType: sub.amountType,
    maxAmount: sub.maxAmount,
    frequency: sub.frequency,
    expireAt: sub.expireAt,
    pauseStartDate: sub.pauseStartDate,
    pauseEndDate: sub.pauseEndDate,
  };
}

export function redemptionStatusBody(r: SimRedemption) {
  const executed = r.state === 'PENDING' || r.state === 'COMPLETED' || r.state === 'FAILED';
  return {
    merchantId: SANDBOX_MERCHANT_ID,
    merchantOrderId: r.merchantOrderId,
    orderId: r.orderId,
    state: r.state,
    amount: r.amount,
    expireAt: r.expireAt,
    metaInfo: r.metaInfo,
    errorCode: r.state === 'FAILED' || r.state === 'NOTIFICATION_FAILED' ? r.errorCode : undefined,
    detailedErrorCode: r.state === 'FAILED' ? r.detailedErrorCode : undefined,
    paymentFlow: {
      type: 'SUBSCRIPTION_REDEMPTION',
      merchantSubscriptionId: r.merchantSubscriptionId,
      redemptionRetryStrategy: r.redemptionRetryStrategy,
      autoDebit: r.autoDebit,
      validAfter: r.validAfter,
      validUpto: r.validUpto,
      notifiedAt: r.notifiedAt,
    },
    paymentDetails:
      executed && r.transactionId
        ? [
            {
              transactionId: r.transactionId,
              paymentMode: 'UPI_AUTO_PAY',
              timestamp: r.executedAt,
              amount: r.amount,
              state: r.state,
              errorCode: r.state === 'FAILED' ? r.errorCode : undefined,
              detailedErrorCode: r.state === 'FAILED' ? r.detailedErrorCode : undefined,
              instrument: { type: 'ACCOUNT', accountType: 'SAVINGS' },
              rail: { type: 'UPI', utr: String(r.executedAt).slice(-12), vpa: 'sandbox@ybl', umn: `${r.orderId.toLowerCase()}@ybl` },
            },
          ]
        : [],
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The UPI app's mandate screen, reduced to approve / decline. */
function renderMandatePage(order: SimOrder, sub: SimSubscription | undefined, basePath: string): string {
  const orderId = encodeURIComponent(order.orderId);
  const body =
    order.state === 'PENDING' && sub
      ? `<dl>
<dt>First debit now</dt><dd data-testid="amount">${formatPaise(order.amount)}</dd>
<dt>Maximum per debit</dt><dd data-testid="max-amount">${formatPaise(sub.maxAmount)}</dd>
<dt>Frequency</dt><dd>${escapeHtml(sub.frequency)}</dd>
<dt>Valid until</dt><dd>${new Date(sub.expireAt).toISOString().slice(0, 10)}</dd>
</dl>
<form method="post" action="${basePath}/mandate/${orderId}/answer">
  <button name="answer" value="approve" data-testid="mandate-approve">Approve Autopay</button>
  <button name="answer" value="decline" data-testid="mandate-decline">Decline</button>
</form>`
      : `<p>This mandate request is <strong>${order.state}</strong>.</p>
<p><a href="${escapeHtml(order.merchantRedirectUrl)}">Return to merchant</a></p>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>PhonePe sandbox: approve UPI Autopay</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;cursor:pointer}
dt{color:#555;font-size:.875rem}dd{margin:0 0 .75rem;font-size:1.25rem}</style></head>
<body>
<h1>Set up UPI Autopay (sandbox)</h1>
${order.message ? `<p>${escapeHtml(order.message)}</p>` : ''}
${body}
</body>
</html>`;
}

function checkSubscriptionDetails(details: unknown): string | SimSubscriptionInput {
  if (!isObject(details)) return 'paymentFlow.subscriptionDetails must be an object.';
  const msid = details['merchantSubscriptionId'];
  if (typeof msid !== 'string' || !/^[A-Za-z0-9_-]{1,63}$/.test(msid)) return 'subscriptionDetails.merchantSubscriptionId must be 1-63 letters, digits, _ or -.';
  if (details['subscriptionType'] !== undefined && details['subscriptionType'] !== 'RECURRING') return 'subscriptionDetails.subscriptionType must be RECURRING.';
  const auth = details['authWorkflowType'];
  if (auth !== 'TRANSACTION' && auth !== 'PENNY_DROP') return 'subscriptionDetails.authWorkflowType must be TRANSACTION or PENNY_DROP.';
  const amountType = details['amountType'];
  if (amountType !== 'FIXED' && amountType !== 'VARIABLE') return 'subscriptionDetails.amountType must be FIXED or VARIABLE.';
  const maxAmount = details['maxAmount'];
  if (typeof maxAmount !== 'number' || !Number.isInteger(maxAmount) || maxAmount < 100) return 'subscriptionDetails.maxAmount must be an integer number of paise, at least 100.';
  const frequency = details['frequency'];
  if (typeof frequency !== 'string' || !FREQUENCIES.includes(frequency)) return `subscriptionDetails.frequency must be one of ${FREQUENCIES.join(', ')}.`;
  const expireAt = details['expireAt'];
  if (typeof expireAt !== 'number' || !Number.isInteger(expireAt)) return 'subscriptionDetails.expireAt must be epoch milliseconds.';
  return { merchantSubscriptionId: msid, authWorkflowType: auth, amountType, maxAmount, frequency, expireAt };
}

type SimSubscriptionInput = Pick<SimSubscription, 'merchantSubscriptionId' | 'authWorkflowType' | 'amountType' | 'maxAmount' | 'frequency' | 'expireAt'>;

export function isSubscriptionSetup(body: unknown): boolean {
  return isObject(body) && isObject(body['paymentFlow']) && body['paymentFlow']['type'] === 'SUBSCRIPTION_CHECKOUT_SETUP';
}

type RequireToken = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * The Autopay API (setup through the hosted checkout, subscription and order status, notify, redeem, cancel),
 * the mandate screen, and control routes under /__sandbox/autopay that play the customer's UPI app.
 */
export async function phonepeSubscriptionRoutes(
  app: FastifyInstance,
  ctx: PhonePeContext,
  requireToken: RequireToken,
): Promise<{ autopay: AutopaySimulator; setup: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> }> {
  const autopay = new AutopaySimulator(ctx);
  const { sim } = ctx;

  const guarded = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    await requireToken(request, reply);
    return reply.sent;
  };

  // Called by the /checkout/v2/pay route for SUBSCRIPTION_CHECKOUT_SETUP bodies (after its token check).
  const setup = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const body = request.body as Body;
    const flow = body['paymentFlow'] as Body;
    const details = checkSubscriptionDetails(flow['subscriptionDetails']);
    if (typeof details === 'string') return reply.code(400).send(phonePeError('BAD_REQUEST', details));
    if (details.maxAmount < (body['amount'] as number)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'amount must not exceed subscriptionDetails.maxAmount.'));
    if (details.expireAt <= sim.now()) return reply.code(400).send(phonePeError('BAD_REQUEST', 'subscriptionDetails.expireAt must be in the future.'));
    if (autopay.subscriptions.has(details.merchantSubscriptionId)) {
      return reply.code(409).send(phonePeError('DUPLICATE_SUBSCRIPTION', 'merchantSubscriptionId has already been used.'));
    }
    const validated = validatePay({ ...body, paymentFlow: { ...flow, type: 'PG_CHECKOUT' } });
    if ('error' in validated) return reply.code(400).send(phonePeError('BAD_REQUEST', validated.error));
    const order = sim.createOrder(validated.value);
    if (!order) return reply.code(409).send(phonePeError('DUPLICATE_ORDER', 'merchantOrderId has already been used.'));
    const sub: SimSubscription = { ...details, subscriptionId: id('OMS', sim.now()), state: 'PENDING', pauseStartDate: null, pauseEndDate: null, setupMerchantOrderId: order.merchantOrderId };
    autopay.subscriptions.set(sub.merchantSubscriptionId, sub);
    order.paymentFlow = { type: 'SUBSCRIPTION_CHECKOUT_SETUP', merchantSubscriptionId: sub.merchantSubscriptionId, authWorkflowType: sub.authWorkflowType, amountType: sub.amountType, maxAmount: sub.maxAmount, frequency: sub.frequency, expireAt: sub.expireAt };
    return { orderId: order.orderId, state: order.state, expireAt: order.expireAt, redirectUrl: `${ctx.basePath}/mandate/${encodeURIComponent(order.orderId)}` };
  };

  app.get<{ Params: { merchantSubscriptionId: string } }>('/subscriptions/v2/:merchantSubscriptionId/status', async (request, reply) => {
    if (await guarded(request, reply)) return reply;
    const sub = autopay.subscriptions.get(request.params.merchantSubscriptionId);
    if (!sub) return reply.code(404).send(phonePeError('NOT_FOUND', 'Subscription not found.'));
    return subscriptionStatusBody(autopay.refresh(sub));
  });

  // Setup orders (Standard Checkout) and redemption orders both answer here.
  app.get<{ Params: { merchantOrderId: string } }>('/subscriptions/v2/order/:merchantOrderId/status', async (request, reply) => {
    if (await guarded(request, reply)) return reply;
    const redemption = autopay.redemptions.get(request.params.merchantOrderId);
    if (redemption) return redemptionStatusBody(redemption);
    const order = sim.orders.get(request.params.merchantOrderId);
    if (!order?.paymentFlow) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
    return { merchantId: SANDBOX_MERCHANT_ID, ...orderStatusBody(order, { details: true, errorContext: false }) };
  });

  // Notify = the pre-debit notice (SubscriptionNotifyRequestBuilder): creates the redemption order.
  app.post('/subscriptions/v2/notify', async (request, reply) => {
    if (await guarded(request, reply)) return reply;
    const body = request.body;
    if (!isObject(body)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'Request body must be a JSON object.'));
    const merchantOrderId = body['merchantOrderId'];
    if (typeof merchantOrderId !== 'string' || !/^[A-Za-z0-9_-]{1,63}$/.test(merchantOrderId)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'merchantOrderId must be 1-63 letters, digits, _ or -.'));
    const amount = body['amount'];
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 100) return reply.code(400).send(phonePeError('BAD_REQUEST', 'amount must be an integer number of paise, at least 100.'));
    const flow = body['paymentFlow'];
    if (!isObject(flow) || flow['type'] !== 'SUBSCRIPTION_REDEMPTION') return reply.code(400).send(phonePeError('BAD_REQUEST', 'paymentFlow.type must be SUBSCRIPTION_REDEMPTION.'));
    const sub = autopay.subscriptions.get(String(flow['merchantSubscriptionId']));
    if (!sub) return reply.code(404).send(phonePeError('NOT_FOUND', 'Subscription not found.'));
    if (autopay.redemptions.has(merchantOrderId) || sim.orders.has(merchantOrderId)) return reply.code(409).send(phonePeError('DUPLICATE_ORDER', 'merchantOrderId has already been used.'));
    if (autopay.refresh(sub).state !== 'ACTIVE') return reply.code(400).send(phonePeError('SUBSCRIPTION_NOT_ACTIVE', `Subscription is ${sub.state}.`));
    if (amount > sub.maxAmount) return reply.code(400).send(phonePeError('BAD_REQUEST', 'amount exceeds the subscription maxAmount.'));
    const expireAt = typeof body['expireAt'] === 'number' ? (body['expireAt'] as number) : sim.now() + 3 * 86_400_000;
    const redemption: SimRedemption = {
      merchantOrderId,
      orderId: id('OMO', sim.now()),
      merchantSubscriptionId: sub.merchantSubscriptionId,
      amount,
      state: 'NOTIFICATION_IN_PROGRESS',
      expireAt,
      validUpto: expireAt,
      metaInfo: isObject(body['metaInfo']) ? (body['metaInfo'] as Record<string, string>) : undefined,
      redemptionRetryStrategy: flow['redemptionRetryStrategy'] === 'CUSTOM' ? 'CUSTOM' : 'STANDARD',
      autoDebit: flow['autoDebit'] === true,
    };
    autopay.redemptions.set(merchantOrderId, redemption);
    // PhonePe answers before the bank confirms the notice (with notifyDelayMs 0 that happens right after).
    const answer = { orderId: redemption.orderId, state: redemption.state, expireAt: redemption.expireAt };
    autopay.notifyLater(redemption);
    return answer;
  });

  // Execute: only after the notice was delivered and 24 h have passed (validAfter), once per order.
  app.post('/subscriptions/v2/redeem', async (request, reply) => {
    if (await guarded(request, reply)) return reply;
    const merchantOrderId = isObject(request.body) ? request.body['merchantOrderId'] : undefined;
    if (typeof merchantOrderId !== 'string' || merchantOrderId === '') return reply.code(400).send(phonePeError('BAD_REQUEST', 'merchantOrderId must not be blank.'));
    const redemption = autopay.redemptions.get(merchantOrderId);
    if (!redemption) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
    if (redemption.state !== 'NOTIFIED') return reply.code(400).send(phonePeError('INVALID_STATE', `Order is ${redemption.state}; only a NOTIFIED order can be redeemed.`));
    if (sim.now() < (redemption.validAfter as number)) return reply.code(400).send(phonePeError('REDEMPTION_TOO_EARLY', `Redemption is allowed after ${redemption.validAfter}.`));
    if (sim.now() > redemption.validUpto) return reply.code(400).send(phonePeError('ORDER_EXPIRED', 'The redemption window has passed.'));
    redemption.state = 'PENDING';
    redemption.executedAt = sim.now();
    redemption.transactionId = id('OM', sim.now());
    autopay.debit(redemption);
    return { transactionId: redemption.transactionId, state: 'PENDING' };
  });

  // Merchant-side cancel: 204, no body.
  app.post<{ Params: { merchantSubscriptionId: string } }>('/subscriptions/v2/:merchantSubscriptionId/cancel', async (request, reply) => {
    if (await guarded(request, reply)) return reply;
    const sub = autopay.subscriptions.get(request.params.merchantSubscriptionId);
    if (!sub) return reply.code(404).send(phonePeError('NOT_FOUND', 'Subscription not found.'));
    const state = autopay.refresh(sub).state;
    if (state !== 'ACTIVE' && state !== 'PAUSED' && state !== 'PENDING') return reply.code(400).send(phonePeError('INVALID_STATE', `Subscription is ${state}.`));
    autopay.setState(sub, 'CANCELLED');
    return reply.code(204).send();
  });

  app.get<{ Params: { orderId: string } }>('/mandate/:orderId', async (request, reply) => {
    const order = sim.findOrder(request.params.orderId);
    if (!order?.paymentFlow) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><html lang="en"><title>Not found</title><h1>Mandate request not found</h1></html>');
    if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
    const sub = autopay.subscriptions.get(String(order.paymentFlow['merchantSubscriptionId']));
    return reply.type('text/html; charset=utf-8').send(renderMandatePage(order, sub, ctx.basePath));
  });

  app.post<{ Params: { orderId: string }; Body: { answer?: string } | undefined }>('/mandate/:orderId/answer', async (request, reply) => {
    const order = sim.findOrder(request.params.orderId);
    if (!order?.paymentFlow) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
    const answer = request.body?.answer;
    if (answer !== 'approve' && answer !== 'decline') return reply.code(400).send(phonePeError('BAD_REQUEST', 'answer must be approve or decline.'));
    if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
    autopay.answerSetup(order, answer === 'approve');
    return reply.redirect(order.merchantRedirectUrl, 302);
  });

  await app.register(async (control) => {
    control.get('/', async () => ({
      switches: autopay.switches,
      subscriptions: [...autopay.subscriptions.values()].map((s) => subscriptionStatusBody(autopay.refresh(s))),
      redemptions: [...autopay.redemptions.values()].map(redemptionStatusBody),
    }));

    control.post<{ Body: Partial<AutopaySwitches> }>('/switches', async (request, reply) => {
      const { debitOutcome, notifyDelayMs, notifyOutcome } = request.body ?? {};
      if (debitOutcome !== undefined && debitOutcome !== 'success' && debitOutcome !== 'failure') return reply.code(400).send(phonePeError('BAD_REQUEST', 'debitOutcome must be success or failure'));
      if (notifyOutcome !== undefined && notifyOutcome !== 'success' && notifyOutcome !== 'failure') return reply.code(400).send(phonePeError('BAD_REQUEST', 'notifyOutcome must be success or failure'));
      if (notifyDelayMs !== undefined && !(Number.isInteger(notifyDelayMs) && notifyDelayMs >= 0)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'notifyDelayMs must be a non-negative integer'));
      autopay.switches = { ...autopay.switches, ...(debitOutcome ? { debitOutcome } : {}), ...(notifyOutcome ? { notifyOutcome } : {}), ...(notifyDelayMs !== undefined ? { notifyDelayMs } : {}) };
      return autopay.switches;
    });

    // The customer answers the mandate screen without a browser.
    control.post<{ Params: { id: string }; Body: { answer?: string } }>('/setup/:id/answer', async (request, reply) => {
      const order = sim.findOrder(request.params.id);
      if (!order?.paymentFlow) return reply.code(404).send(phonePeError('NOT_FOUND', 'Setup order not found.'));
      const answer = request.body?.answer;
      if (answer !== 'approve' && answer !== 'decline') return reply.code(400).send(phonePeError('BAD_REQUEST', 'answer must be approve or decline'));
      if (!autopay.answerSetup(order, answer === 'approve')) return reply.code(409).send(phonePeError('INVALID_STATE', `Setup order is ${order.state}.`));
      return subscriptionStatusBody(autopay.subscriptions.get(String(order.paymentFlow['merchantSubscriptionId'])) as SimSubscription);
    });

    // What the customer does in their UPI app: pause (optionally for some days), unpause, "Remove Autopay".
    control.post<{ Params: { id: string; action: string }; Body: { days?: number } | undefined }>('/subscriptions/:id/:action', async (request, reply) => {
      const sub = autopay.subscriptions.get(request.params.id);
      if (!sub) return reply.code(404).send(phonePeError('NOT_FOUND', 'Subscription not found.'));
      const state = autopay.refresh(sub).state;
      const { action } = request.params;
      const days = request.body?.days;
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'days must be a positive integer'));
      if (action === 'pause' && state === 'ACTIVE') autopay.setState(sub, 'PAUSED', days);
      else if (action === 'unpause' && state === 'PAUSED') autopay.setState(sub, 'ACTIVE');
      else if (action === 'revoke' && (state === 'ACTIVE' || state === 'PAUSED')) autopay.setState(sub, 'REVOKED');
      else if (!['pause', 'unpause', 'revoke'].includes(action)) return reply.code(404).send(phonePeError('NOT_FOUND', 'action must be pause, unpause or revoke'));
      else return reply.code(409).send(phonePeError('INVALID_STATE', `Cannot ${action} a ${state} subscription.`));
      return subscriptionStatusBody(sub);
    });
  }, { prefix: '/__sandbox/autopay' });

  return { autopay, setup };
}
