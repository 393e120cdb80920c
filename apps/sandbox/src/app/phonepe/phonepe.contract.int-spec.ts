// Contract test: the real PhonePe adapter from libs/api/payments against this simulator, over HTTP.
import Fastify, { type FastifyInstance } from 'fastify';
import { PaymentGatewayError, PhonePeGateway, WebhookVerificationError, type PhonePeGatewayOptions } from '@raptorflow/api-payments';
import { startTestSandbox } from '../testing';


interface Received {
  authorization?: string;
  rawBody: string;
}

describe('PhonePe simulator + PhonePeGateway', () => {
  let sandbox: FastifyInstance;
  let receiver: FastifyInstance;
  let base: string;
  const received: Received[] = [];
  let receiverStatus = 200;

  const control = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await fetch(`${base}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  const gateway = (overrides: Partial<PhonePeGatewayOptions> = {}) =>
    new PhonePeGateway({
      oauthBaseUrl: base,
      pgBaseUrl: base,
      clientId: process.env['PHONEPE_CLIENT_ID'] ?? 'RF_SANDBOX_CLIENT',
      clientSecret: process.env['PHONEPE_CLIENT_SECRET'] ?? 'sandbox-secret-123',
      clientVersion: 1,
      webhookUsername: process.env['PHONEPE_WEBHOOK_USERNAME'] ?? 'rfsandbox',
      webhookPassword: process.env['PHONEPE_WEBHOOK_PASSWORD'] ?? 'sandboxPass123',
      timeoutMs: 2000,
      ...overrides,
    });

  let seq = 0;
  const orderId = () => `RF_TEST_${Date.now().toString(36)}_${(seq += 1)}`;
  const checkout = (gw: PhonePeGateway, merchantOrderId = orderId(), amount = 499_900) =>
    gw.createCheckout({ merchantOrderId, amount, redirectUrl: 'http://127.0.0.1:4200/billing/return?o=1', metaInfo: { udf1: 'ws-1' } });

  const caught = async (promise: Promise<unknown>): Promise<PaymentGatewayError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof PaymentGatewayError) return error;
      throw error;
    }
    throw new Error('expected a PaymentGatewayError');
  };

  beforeAll(async () => {
    receiver = Fastify();
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    receiver.post('/webhook', async (request, reply) => {
      received.push({ authorization: request.headers.authorization, rawBody: request.body as string });
      return reply.code(receiverStatus).send({ ok: true });
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
    receiverStatus = 200;
  });

  it('fetches one token for many concurrent calls', async () => {
    const gw = gateway();
    const ids = [orderId(), orderId(), orderId()];
    await Promise.all(ids.map((id) => checkout(gw, id)));
    await Promise.all(ids.map((id) => gw.getOrderStatus(id)));
    const state = await control('/state');
    expect(state.calls).toMatchObject({ token: 1, pay: 3, orderStatus: 3 });
  });

  it('refreshes the token once after a 401 and retries the call', async () => {
    const gw = gateway();
    const session = await checkout(gw);
    await control('/tokens/revoke', {});
    const id = orderId();
    await expect(checkout(gw, id)).resolves.toMatchObject({ state: 'PENDING' });
    const state = await control('/state');
    expect(state.calls).toMatchObject({ token: 2, pay: 3 });
    expect(session.orderId).toMatch(/^OMO/);
  });

  it('reports bad client credentials as UNAUTHORIZED', async () => {
    const error = await caught(checkout(gateway({ clientSecret: 'wrong' })));
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('surfaces an injected 500 on pay as UNAVAILABLE without retrying', async () => {
    const gw = gateway();
    await control('/faults', { route: 'pay', status: 500, count: 1 });
    const error = await caught(checkout(gw));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { httpStatus: 500 } });
    expect(error.transient).toBe(true);
    expect((await control('/state')).calls.pay).toBe(1);
  });

  it('surfaces an injected 429 as RATE_LIMITED with retry-after', async () => {
    const gw = gateway();
    const id = orderId();
    await checkout(gw, id);
    await control('/faults', { route: 'orderStatus', status: 429, count: 1 });
    expect(await caught(gw.getOrderStatus(id))).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    await expect(gw.getOrderStatus(id)).resolves.toMatchObject({ state: 'PENDING' });
  });

  it('times out a hanging pay within the configured timeout, and status then shows no order', async () => {
    const gw = gateway({ timeoutMs: 300 });
    await gw.getOrderStatus('warm-up').catch(() => undefined);
    await control('/faults', { route: 'pay', status: 'hang', count: 1 });
    const id = orderId();
    const started = Date.now();
    const error = await caught(checkout(gw, id));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await caught(gw.getOrderStatus(id))).code).toBe('NOT_FOUND');
  });

  it('validates pay requests and refuses a reused merchantOrderId', async () => {
    const gw = gateway();
    expect(await caught(checkout(gw, orderId(), 99))).toMatchObject({ code: 'REJECTED', details: { httpStatus: 400, providerCode: 'BAD_REQUEST' } });
    expect(await caught(checkout(gw, orderId(), 100.5))).toMatchObject({ code: 'REJECTED' });
    expect(await caught(checkout(gw, 'has space'))).toMatchObject({ code: 'REJECTED' });
    expect(await caught(checkout(gw, 'x'.repeat(64)))).toMatchObject({ code: 'REJECTED' });
    const id = orderId();
    await checkout(gw, id);
    expect(await caught(checkout(gw, id))).toMatchObject({ code: 'REJECTED', details: { httpStatus: 409 } });
  });

  it('pays through the hosted page: success -> COMPLETED, redirect to the merchant, verified webhook', async () => {
    const gw = gateway();
    const id = orderId();
    const session = await checkout(gw, id);
    const page = await fetch(session.redirectUrl);
    const html = await page.text();
    expect(html).toContain('₹4,999.00');
    expect(html).toContain('Pay successfully');
    expect(html).toContain('Fail payment');
    expect(html).toContain('Leave pending');

    const action = /action="([^"]+)"/.exec(html)?.[1] as string;
    const done = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('http://127.0.0.1:4200/billing/return?o=1');

    const status = await gw.getOrderStatus(id, { details: true });
    expect(status).toMatchObject({ merchantOrderId: id, orderId: session.orderId, state: 'COMPLETED', amount: 499_900 });
    expect(status.paymentDetails).toHaveLength(1);
    expect(status.metaInfo).toEqual({ udf1: 'ws-1' });

    await control('/webhooks?wait=true');
    expect(received).toHaveLength(1);
    const event = gw.verifyWebhook(received[0].authorization, received[0].rawBody);
    expect(event).toMatchObject({ kind: 'order', event: 'checkout.order.completed', merchantOrderId: id, state: 'COMPLETED', amount: 499_900 });
    const tampered = (received[0].authorization as string).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(() => gw.verifyWebhook(tampered, received[0].rawBody)).toThrow(WebhookVerificationError);
  });

  it('fails an order from the page and leaves another pending', async () => {
    const gw = gateway();
    const failed = orderId();
    const pending = orderId();
    await checkout(gw, failed);
    await checkout(gw, pending);
    await control(`/orders/${failed}/complete`, { outcome: 'failure' });
    await control(`/orders/${pending}/complete`, { outcome: 'pending' });
    expect(await gw.getOrderStatus(failed, { errorContext: true })).toMatchObject({ state: 'FAILED', errorCode: 'PAYMENT_ERROR' });
    expect(await gw.getOrderStatus(pending)).toMatchObject({ state: 'PENDING' });
    const deliveries = await control('/webhooks?wait=true');
    expect(deliveries.map((d: { event: string }) => d.event)).toEqual(['checkout.order.failed']);
    expect(gw.verifyWebhook(received[0].authorization, received[0].rawBody)).toMatchObject({ state: 'FAILED' });
  });

  it('sends webhooks with bad auth or duplicated when told to', async () => {
    const gw = gateway();
    await control('/webhook', { mode: 'bad-auth' });
    const a = orderId();
    await checkout(gw, a);
    await control(`/orders/${a}/complete`, { outcome: 'success' });
    await control('/webhooks?wait=true');
    expect(() => gw.verifyWebhook(received[0].authorization, received[0].rawBody)).toThrow(WebhookVerificationError);

    received.length = 0;
    await control('/webhook', { mode: 'duplicate', count: 3 });
    const b = orderId();
    await checkout(gw, b);
    await control(`/orders/${b}/complete`, { outcome: 'success' });
    await control('/webhooks?wait=true');
    expect(received).toHaveLength(3);
    for (const r of received) expect(gw.verifyWebhook(r.authorization, r.rawBody)).toMatchObject({ merchantOrderId: b });
  });

  it('expires an unpaid order to FAILED after expireAt and says so by webhook', async () => {
    const gw = gateway();
    const id = orderId();
    const session = await gw.createCheckout({ merchantOrderId: id, amount: 10_000, redirectUrl: 'http://127.0.0.1/r', expireAfterSeconds: 300 });
    expect(session.expireAt).toBeGreaterThan(Date.now() + 299_000);
    await control('/clock', { advanceMs: 301_000 });
    expect(await gw.getOrderStatus(id)).toMatchObject({ state: 'FAILED', errorCode: 'TXN_AUTO_FAILED' });
    const [delivery] = await control(`/webhooks?wait=true&merchantOrderId=${id}`);
    expect(delivery).toMatchObject({ event: 'checkout.order.failed', outcome: 200 });
    await control(`/orders/${id}/complete`, { outcome: 'success' });
    expect((await gw.getOrderStatus(id)).state).toBe('FAILED');
  });

  it('refunds a completed order: PENDING, then COMPLETED; duplicates and excess are rejected', async () => {
    const gw = gateway();
    await control('/config', { refundSettleMs: 60_000 });
    const id = orderId();
    await checkout(gw, id);
    expect(await caught(gw.refund({ merchantRefundId: `${id}_R0`, merchantOrderId: id, amount: 100 }))).toMatchObject({ code: 'REJECTED' });
    await control(`/orders/${id}/complete`, { outcome: 'success' });

    const refund = await gw.refund({ merchantRefundId: `${id}_R1`, merchantOrderId: id, amount: 100_000 });
    expect(refund).toMatchObject({ amount: 100_000, state: 'PENDING' });
    expect(refund.refundId).toMatch(/^OMR/);
    expect(await gw.getRefundStatus(`${id}_R1`)).toMatchObject({ state: 'PENDING', originalMerchantOrderId: id });

    expect(await caught(gw.refund({ merchantRefundId: `${id}_R1`, merchantOrderId: id, amount: 100 }))).toMatchObject({ details: { httpStatus: 409 } });
    expect(await caught(gw.refund({ merchantRefundId: `${id}_R2`, merchantOrderId: id, amount: 400_000 }))).toMatchObject({ code: 'REJECTED' });

    await control('/clock', { advanceMs: 60_001 });
    expect(await gw.getRefundStatus(`${id}_R1`)).toMatchObject({ state: 'COMPLETED', refundId: refund.refundId });
    expect((await caught(gw.getRefundStatus('nope'))).code).toBe('NOT_FOUND');
  });

  it('lets the status API lag behind the webhook for statusLagMs', async () => {
    const gw = gateway();
    await control('/config', { statusLagMs: 30_000 });
    const id = orderId();
    await checkout(gw, id);
    await control(`/orders/${id}/complete`, { outcome: 'success' });
    const [delivery] = await control(`/webhooks?wait=true&merchantOrderId=${id}`);
    expect(gw.verifyWebhook(delivery.authorization, JSON.stringify(delivery.body))).toMatchObject({ kind: 'order', state: 'COMPLETED' });
    expect(await gw.getOrderStatus(id)).toMatchObject({ state: 'PENDING', paymentDetails: [] });
    await control('/clock', { advanceMs: 30_000 });
    expect(await gw.getOrderStatus(id)).toMatchObject({ state: 'COMPLETED', paymentDetails: [{ state: 'COMPLETED' }] });
  });

  it('completes an expired order on a late capture, with a webhook, and refuses a second one', async () => {
    const gw = gateway();
    const id = orderId();
    await checkout(gw, id);
    await control('/clock', { advanceMs: 3600_000 });
    expect((await gw.getOrderStatus(id)).state).toBe('FAILED');
    await control(`/orders/${id}/late-capture`, {});
    expect(await gw.getOrderStatus(id)).toMatchObject({ state: 'COMPLETED', amount: 499_900 });
    const deliveries = await control(`/webhooks?wait=true&merchantOrderId=${id}`);
    expect(deliveries.map((d: { event: string }) => d.event)).toEqual(['checkout.order.failed', 'checkout.order.completed']);
    const again = await fetch(`${base}/__sandbox/orders/${id}/late-capture`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(again.status).toBe(409);
    // The captured money can be refunded like any completed order.
    await expect(gw.refund({ merchantRefundId: `${id}_L`, merchantOrderId: id, amount: 499_900 })).resolves.toMatchObject({ state: 'PENDING' });
  });

  it('settles refunds as failed when refundOutcome is failure, with a pg.refund.failed webhook', async () => {
    const gw = gateway();
    await control('/config', { refundSettleMs: 0, refundOutcome: 'failure' });
    const id = orderId();
    await checkout(gw, id);
    await control(`/orders/${id}/complete`, { outcome: 'success' });
    await gw.refund({ merchantRefundId: `${id}_F`, merchantOrderId: id, amount: 100_000 });
    expect(await gw.getRefundStatus(`${id}_F`)).toMatchObject({ state: 'FAILED' });
    await control('/webhooks?wait=true');
    const refundHook = received.map((r) => gw.verifyWebhook(r.authorization, r.rawBody)).find((e) => e.kind === 'refund');
    expect(refundHook).toMatchObject({ kind: 'refund', event: 'pg.refund.failed', merchantRefundId: `${id}_F`, state: 'FAILED' });
    const bad = await fetch(`${base}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refundOutcome: 'maybe' }) });
    expect(bad.status).toBe(400);
  });
});
