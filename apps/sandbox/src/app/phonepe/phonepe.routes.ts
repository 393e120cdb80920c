import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxOptions } from '../sandbox';
import { renderCheckoutPage, renderNotFoundPage } from './phonepe.checkout-page';
import { PhonePeContext, phonePeError } from './phonepe.context';
import { phonepeControlRoutes } from './phonepe.control.routes';
import { PhonePeSimulator, polledStatusBody, refundStatusBody, type CheckoutOutcome } from './phonepe.simulator';
import { validatePay, validateRefund } from './phonepe.validation';
import { isSubscriptionSetup, phonepeSubscriptionRoutes } from './phonepe.subscriptions';
import { WebhookDispatcher } from './phonepe.webhooks';

const OUTCOMES: readonly CheckoutOutcome[] = ['success', 'failure', 'pending'];

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Stand-in for PhonePe PG v2 Standard Checkout (OAuth and PG APIs share the /phonepe base), its hosted
 * checkout page and S2S webhooks, plus a control API under /phonepe/__sandbox. State is in memory.
 */
export async function phonepeRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  const sim = new PhonePeSimulator(
    numberFromEnv('PHONEPE_TOKEN_TTL_SECONDS', 3600),
    numberFromEnv('PHONEPE_REFUND_SETTLE_MS', 2000),
  );
  const webhooks = new WebhookDispatcher({
    url: process.env['PHONEPE_WEBHOOK_URL'] ?? 'http://127.0.0.1:3000/api/v1/payments/webhook',
    username: process.env['PHONEPE_WEBHOOK_USERNAME'] ?? 'rfsandbox',
    password: process.env['PHONEPE_WEBHOOK_PASSWORD'] ?? 'sandboxPass123',
    mode: { mode: 'normal' },
    retries: 2,
    retryDelayMs: 500,
  });
  const ctx = new PhonePeContext(sim, webhooks, options);
  const credentials = {
    clientId: process.env['PHONEPE_CLIENT_ID'] ?? 'RF_SANDBOX_CLIENT',
    clientSecret: process.env['PHONEPE_CLIENT_SECRET'] ?? 'sandbox-secret-123',
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Expiry and refund settlement happen on their own, as they would at PhonePe.
  const sweeper = setInterval(() => ctx.notify(sim.sweep()), 1000);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    ctx.releaseHangs();
    webhooks.reset();
  });

  app.post('/v1/oauth/token', async (request, reply) => {
    if (await ctx.injectFault('token', reply)) return reply;
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    if (!form['client_id'] || !form['client_secret'] || !form['client_version'] || form['grant_type'] !== 'client_credentials') {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'client_id, client_version, client_secret and grant_type=client_credentials are required.'));
    }
    if (form['client_id'] !== credentials.clientId || form['client_secret'] !== credentials.clientSecret) {
      return reply.code(401).send(phonePeError('UNAUTHORIZED', 'Invalid client credentials.'));
    }
    const token = sim.issueToken();
    return {
      access_token: token.access_token,
      encrypted_access_token: token.access_token,
      expires_in: null,
      issued_at: token.issued_at,
      expires_at: token.expires_at,
      session_expires_at: token.expires_at,
      token_type: 'O-Bearer',
    };
  });

  const requireToken = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'O-Bearer' || !token || !sim.isLiveToken(token)) {
      await reply.code(401).send(phonePeError('UNAUTHORIZED', 'Missing, unknown or expired O-Bearer token.'));
    }
  };

  const autopay = await phonepeSubscriptionRoutes(app, ctx, requireToken);

  app.post('/checkout/v2/pay', async (request, reply) => {
    if (await ctx.injectFault('pay', reply)) return reply;
    await requireToken(request, reply);
    if (reply.sent) return reply;
    if (isSubscriptionSetup(request.body)) return autopay.setup(request, reply);
    const validated = validatePay(request.body);
    if ('error' in validated) return reply.code(400).send(phonePeError('BAD_REQUEST', validated.error));
    // PhonePe's answer to a reused merchantOrderId is UNVERIFIED; a conflict is the safe reading.
    const order = sim.createOrder(validated.value);
    if (!order) return reply.code(409).send(phonePeError('DUPLICATE_ORDER', 'merchantOrderId has already been used.'));
    return {
      orderId: order.orderId,
      state: order.state,
      expireAt: order.expireAt,
      redirectUrl: `${ctx.basePath}/checkout/${encodeURIComponent(order.orderId)}`,
    };
  });

  app.get<{ Params: { merchantOrderId: string }; Querystring: { details?: string; errorContext?: string } }>(
    '/checkout/v2/order/:merchantOrderId/status',
    async (request, reply) => {
      if (await ctx.injectFault('orderStatus', reply)) return reply;
      await requireToken(request, reply);
      if (reply.sent) return reply;
      const order = sim.orders.get(request.params.merchantOrderId);
      if (!order) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
      if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
      return polledStatusBody(order, { details: request.query.details === 'true', errorContext: request.query.errorContext === 'true' }, sim.now());
    },
  );

  app.post('/payments/v2/refund', async (request, reply) => {
    if (await ctx.injectFault('refund', reply)) return reply;
    await requireToken(request, reply);
    if (reply.sent) return reply;
    const validated = validateRefund(request.body);
    if ('error' in validated) return reply.code(400).send(phonePeError('BAD_REQUEST', validated.error));
    const input = validated.value;
    if (sim.refunds.has(input.merchantRefundId)) {
      return reply.code(409).send(phonePeError('Refund ID Duplicated', 'merchantRefundId has already been used.'));
    }
    const order = sim.orders.get(input.originalMerchantOrderId);
    if (!order) return reply.code(404).send(phonePeError('NOT_FOUND', 'Original order not found.'));
    if (order.state !== 'COMPLETED') {
      return reply.code(400).send(phonePeError('BAD_REQUEST', `Order in state ${order.state} cannot be refunded.`));
    }
    if (input.amount > sim.refundable(order)) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'amount exceeds the refundable amount of the order.'));
    }
    const refund = sim.createRefund(input);
    return { refundId: refund.refundId, amount: refund.amount, state: refund.state };
  });

  app.get<{ Params: { merchantRefundId: string } }>('/payments/v2/refund/:merchantRefundId/status', async (request, reply) => {
    if (await ctx.injectFault('refundStatus', reply)) return reply;
    await requireToken(request, reply);
    if (reply.sent) return reply;
    const refund = sim.refunds.get(request.params.merchantRefundId);
    if (!refund) return reply.code(404).send(phonePeError('NOT_FOUND', 'Refund not found.'));
    ctx.notify(sim.sweep());
    return refundStatusBody(refund);
  });

  app.get<{ Params: { orderId: string } }>('/checkout/:orderId', async (request, reply) => {
    const order = sim.findOrder(request.params.orderId);
    if (!order) return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage(request.params.orderId));
    if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
    return reply.type('text/html; charset=utf-8').send(renderCheckoutPage(order, ctx.basePath));
  });

  app.post<{ Params: { orderId: string }; Body: { outcome?: string } | undefined }>(
    '/checkout/:orderId/complete',
    async (request, reply) => {
      const order = sim.findOrder(request.params.orderId);
      if (!order) return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage(request.params.orderId));
      const outcome = request.body?.outcome as CheckoutOutcome;
      if (!OUTCOMES.includes(outcome)) return reply.code(400).send(phonePeError('BAD_REQUEST', 'outcome must be success, failure or pending.'));
      if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
      const changed = sim.complete(order, outcome);
      if (changed) ctx.notify([{ kind: 'order', order: changed }]);
      return reply.redirect(order.merchantRedirectUrl, 302);
    },
  );

  await app.register((scope) => phonepeControlRoutes(scope, ctx), { prefix: '/__sandbox' });

  app.all('/*', async (request, reply) =>
    reply.code(404).send(phonePeError('NOT_FOUND', `${request.method} ${request.url} is not simulated`)),
  );
}
