// Contract test: the real Autopay adapter (PhonePeAutopayGateway) against the Autopay stand-in, over HTTP, with
// the wire shapes of PhonePe's SDKs (subscription v2 models) and callback samples.
import Fastify, { type FastifyInstance } from 'fastify';
import { PaymentGatewayError, PhonePeAutopayGateway } from '@raptorflow/api-payments';
import { startTestSandbox } from '../testing';

describe('PhonePe Autopay stand-in + PhonePeAutopayGateway', () => {
  let sandbox: FastifyInstance;
  let receiver: FastifyInstance;
  let base: string;
  const received: { authorization?: string; body: { event: string; type: string; payload: Record<string, unknown> } }[] = [];

  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}/__sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const gateway = () =>
    new PhonePeAutopayGateway({
      oauthBaseUrl: base,
      pgBaseUrl: base,
      clientId: 'RF_SANDBOX_CLIENT',
      clientSecret: 'sandbox-secret-123',
      clientVersion: 1,
      webhookUsername: 'rfsandbox',
      webhookPassword: 'sandboxPass123',
      timeoutMs: 2000,
    });
  const caught = async (promise: Promise<unknown>): Promise<PaymentGatewayError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof PaymentGatewayError) return error;
      throw error;
    }
    throw new Error('expected a PaymentGatewayError');
  };
  let seq = 0;
  const ids = () => {
    seq += 1;
    const tag = `${Date.now().toString(36)}_${seq}`;
    return { merchantOrderId: `RF_SETUP_${tag}`, merchantSubscriptionId: `RFS_${tag}` };
  };
  const setup = (gw: PhonePeAutopayGateway, id = ids(), overrides: Record<string, unknown> = {}) =>
    gw.setupMandate({ ...id, amount: 999_900, maxAmount: 999_900, frequency: 'MONTHLY', validUntil: Date.now() + 365 * 86_400_000, redirectUrl: 'http://127.0.0.1:4200/return', expireAfterSeconds: 1200, ...overrides });
  const approved = async (gw: PhonePeAutopayGateway) => {
    const id = ids();
    await setup(gw, id);
    await control(`/autopay/setup/${id.merchantOrderId}/answer`, { answer: 'approve' });
    return id;
  };

  beforeAll(async () => {
    receiver = Fastify();
    receiver.post('/webhook', async (request) => {
      received.push({ authorization: request.headers.authorization, body: request.body as (typeof received)[number]['body'] });
      return { ok: true };
    });
    await receiver.listen({ port: 0, host: '127.0.0.1' });
    let url: string;
    ({ sandbox, url } = await startTestSandbox());
    base = `${url}/phonepe`;
  });

  afterAll(async () => {
    await sandbox?.close();
    await receiver?.close();
  });

  beforeEach(async () => {
    await control('/reset', {});
    await control('/webhook', { url: `${receiver.listeningOrigin}/webhook`, retries: 0 });
    received.length = 0;
  });

  it('sets up through the hosted mandate screen: the setup order (checkout status) and the subscription (subscription status)', async () => {
    const gw = gateway();
    const id = ids();
    const session = await setup(gw, id);
    expect(session).toMatchObject({ orderId: expect.stringMatching(/^OMO/), state: 'PENDING', redirectUrl: `${base}/mandate/${session.orderId}` });
    expect(await gw.getSubscriptionStatus(id.merchantSubscriptionId)).toMatchObject({ state: 'PENDING' });
    const page = await (await fetch(session.redirectUrl)).text();
    expect(page).toContain('Maximum per debit');
    expect(page).toContain('₹9,999.00');
    const answered = await fetch(`${session.redirectUrl}/answer`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'answer=approve', redirect: 'manual' });
    expect([answered.status, answered.headers.get('location')]).toEqual([302, 'http://127.0.0.1:4200/return']);
    expect(await gw.getOrderStatus(id.merchantOrderId)).toMatchObject({ state: 'COMPLETED', amount: 999_900 });
    const status = await gw.getSubscriptionStatus(id.merchantSubscriptionId);
    expect(status).toMatchObject({ merchantSubscriptionId: id.merchantSubscriptionId, subscriptionId: expect.stringMatching(/^OMS/), state: 'ACTIVE', maxAmount: 999_900, frequency: 'MONTHLY', pauseStartDate: null });
    await control('/webhooks?wait=true');
    expect(received.map((r) => [r.body.event, r.body.type])).toEqual([['subscription.setup.order.completed', 'SUBSCRIPTION_SETUP_ORDER_COMPLETED']]);
    expect(gw.verifyWebhook(received[0].authorization, JSON.stringify(received[0].body))).toMatchObject({ kind: 'order', merchantOrderId: id.merchantOrderId, state: 'COMPLETED' });
    expect(received[0].body.payload['paymentFlow']).toMatchObject({ type: 'SUBSCRIPTION_CHECKOUT_SETUP', merchantSubscriptionId: id.merchantSubscriptionId, subscriptionId: status.subscriptionId });
  });

  it('declined or unanswered setups fail; bad setup bodies are refused naming the field', async () => {
    const gw = gateway();
    const id = ids();
    await setup(gw, id);
    await control(`/autopay/setup/${id.merchantOrderId}/answer`, { answer: 'decline' });
    expect((await gw.getSubscriptionStatus(id.merchantSubscriptionId)).state).toBe('FAILED');
    expect((await gw.getOrderStatus(id.merchantOrderId)).state).toBe('FAILED');
    const bad = await caught(setup(gw, ids(), { maxAmount: 100 }));
    expect(bad).toMatchObject({ code: 'REJECTED', message: expect.stringContaining('amount must not exceed subscriptionDetails.maxAmount') });
    const frequency = await caught(setup(gw, ids(), { frequency: 'SOMETIMES' }));
    expect(frequency.message).toContain('subscriptionDetails.frequency');
  });

  it('notify, then redeem only after the 24 h notice, once; the redemption order status has PhonePe\'s shape', async () => {
    const gw = gateway();
    const { merchantSubscriptionId } = await approved(gw);
    const merchantOrderId = `RFD_${Date.now().toString(36)}`;
    const notified = await gw.notifyRedemption({ merchantOrderId, merchantSubscriptionId, amount: 999_900, expireAt: Date.now() + 3 * 86_400_000 });
    expect(notified).toMatchObject({ orderId: expect.stringMatching(/^OMO/), state: 'NOTIFICATION_IN_PROGRESS' });
    const status = await gw.getRedemptionStatus(merchantOrderId);
    expect(status).toMatchObject({ providerState: 'NOTIFIED', state: 'PENDING', notifiedAt: expect.any(Number) });
    expect(status.validAfter).toBe((status.notifiedAt as number) + 24 * 3_600_000);
    expect((await caught(gw.executeRedemption(merchantOrderId))).details.providerCode).toBe('REDEMPTION_TOO_EARLY');
    await control('/clock', { advanceMs: 24 * 3_600_000 + 1000 });
    expect(await gw.executeRedemption(merchantOrderId)).toMatchObject({ transactionId: expect.stringMatching(/^OM/), state: 'PENDING' });
    expect((await caught(gw.executeRedemption(merchantOrderId))).details.providerCode).toBe('INVALID_STATE');
    const done = await gw.getOrderStatus(merchantOrderId);
    expect(done).toMatchObject({ state: 'COMPLETED', amount: 999_900, paymentDetails: [expect.objectContaining({ paymentMode: 'UPI_AUTO_PAY', state: 'COMPLETED' })] });
    await control('/webhooks?wait=true');
    const events = received.map((r) => r.body.event);
    expect(events).toEqual(expect.arrayContaining(['subscription.notification.completed', 'subscription.redemption.order.completed']));
    const redeemed = received.find((r) => r.body.event === 'subscription.redemption.order.completed');
    expect(redeemed?.body.type).toBe('SUBSCRIPTION_REDEMPTION_ORDER_COMPLETED');
    expect(redeemed?.body.payload['paymentFlow']).toMatchObject({ type: 'SUBSCRIPTION_REDEMPTION', merchantSubscriptionId, redemptionRetryStrategy: 'CUSTOM', autoDebit: false });
    // The adapter reads the redemption callback as an order (settled from its status), the notification one as nothing to do.
    expect(gw.verifyWebhook(redeemed?.authorization, JSON.stringify(redeemed?.body))).toMatchObject({ kind: 'order', merchantOrderId, state: 'COMPLETED' });
    const notice = received.find((r) => r.body.event === 'subscription.notification.completed');
    expect(gw.verifyWebhook(notice?.authorization, JSON.stringify(notice?.body)).kind).toBe('unknown');
  });

  it('switches: a failed debit, and a late notification', async () => {
    const gw = gateway();
    const { merchantSubscriptionId } = await approved(gw);
    await control('/autopay/switches', { debitOutcome: 'failure', notifyDelayMs: 300 });
    const merchantOrderId = `RFD_late_${Date.now().toString(36)}`;
    await gw.notifyRedemption({ merchantOrderId, merchantSubscriptionId, amount: 999_900, expireAt: Date.now() + 3 * 86_400_000 });
    expect((await gw.getRedemptionStatus(merchantOrderId)).providerState).toBe('NOTIFICATION_IN_PROGRESS');
    expect((await caught(gw.executeRedemption(merchantOrderId))).details.providerCode).toBe('INVALID_STATE');
    await control('/webhooks?wait=true');
    const notified = await (async () => {
      for (;;) {
        const s = await gw.getRedemptionStatus(merchantOrderId);
        if (s.providerState === 'NOTIFIED') return s;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    expect(notified.notifiedAt).toEqual(expect.any(Number));
    await control('/clock', { advanceMs: 25 * 3_600_000 });
    await gw.executeRedemption(merchantOrderId);
    expect(await gw.getRedemptionStatus(merchantOrderId)).toMatchObject({ state: 'FAILED', errorCode: 'PAYMENT_ERROR', detailedErrorCode: 'Z9' });
  });

  it('the customer pauses, unpauses and revokes in the UPI app (webhooks with the subscription payload); the merchant cancels with a 204', async () => {
    const gw = gateway();
    const { merchantSubscriptionId } = await approved(gw);
    await control(`/autopay/subscriptions/${merchantSubscriptionId}/pause`, { days: 7 });
    const paused = await gw.getSubscriptionStatus(merchantSubscriptionId);
    expect(paused).toMatchObject({ state: 'PAUSED', pauseStartDate: expect.any(Number), pauseEndDate: expect.any(Number) });
    const refused = await caught(gw.notifyRedemption({ merchantOrderId: `RFD_p_${Date.now().toString(36)}`, merchantSubscriptionId, amount: 999_900, expireAt: Date.now() + 86_400_000 }));
    expect(refused.details.providerCode).toBe('SUBSCRIPTION_NOT_ACTIVE');
    await control(`/autopay/subscriptions/${merchantSubscriptionId}/unpause`, {});
    await control(`/autopay/subscriptions/${merchantSubscriptionId}/revoke`, {});
    expect((await gw.getSubscriptionStatus(merchantSubscriptionId)).state).toBe('REVOKED');
    await control('/webhooks?wait=true');
    const events = received.filter((r) => r.body.event.startsWith('subscription.') && !r.body.event.startsWith('subscription.setup.'));
    expect(events.map((r) => [r.body.event, r.body.type, r.body.payload['state']])).toEqual([
      ['subscription.paused', 'SUBSCRIPTION_PAUSED', 'PAUSED'],
      ['subscription.unpaused', 'SUBSCRIPTION_UNPAUSED', 'ACTIVE'],
      ['subscription.revoked', 'SUBSCRIPTION_REVOKED', 'REVOKED'],
    ]);
    expect(gw.verifyWebhook(events[2].authorization, JSON.stringify(events[2].body))).toEqual({ kind: 'mandate', event: 'subscription.revoked', merchantSubscriptionId, state: 'REVOKED' });

    const other = await approved(gw);
    await expect(gw.cancelSubscription(other.merchantSubscriptionId)).resolves.toBeUndefined();
    expect((await gw.getSubscriptionStatus(other.merchantSubscriptionId)).state).toBe('CANCELLED');
    expect((await caught(gw.getSubscriptionStatus('RFS_nobody'))).code).toBe('NOT_FOUND');
  });
});
