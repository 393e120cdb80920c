import type { FastifyInstance } from 'fastify';
import { phonePeError, type PhonePeContext } from './phonepe.context';
import { orderStatusBody, type CheckoutOutcome, type Fault, type SimRoute } from './phonepe.simulator';
import type { WebhookMode } from './phonepe.webhooks';

const ROUTES: readonly SimRoute[] = ['token', 'pay', 'orderStatus', 'refund', 'refundStatus'];
const OUTCOMES: readonly CheckoutOutcome[] = ['success', 'failure', 'pending'];

interface WebhookBody {
  url?: string;
  username?: string;
  password?: string;
  mode?: WebhookMode['mode'];
  ms?: number;
  count?: number;
  retries?: number;
  retryDelayMs?: number;
}

function toMode(body: WebhookBody): WebhookMode | string {
  switch (body.mode) {
    case undefined:
      return 'mode is required';
    case 'delay':
      return Number.isInteger(body.ms) && (body.ms as number) >= 0 ? { mode: 'delay', ms: body.ms as number } : 'delay needs ms';
    case 'duplicate':
      return Number.isInteger(body.count) && (body.count as number) >= 1 ? { mode: 'duplicate', count: body.count as number } : 'duplicate needs count';
    case 'normal':
    case 'drop':
    case 'reorder':
    case 'bad-auth':
      return { mode: body.mode };
    default:
      return `unknown mode ${String(body.mode)}`;
  }
}

/** Test and developer knobs; not part of PhonePe's API. */
export async function phonepeControlRoutes(app: FastifyInstance, ctx: PhonePeContext): Promise<void> {
  const { sim, webhooks } = ctx;

  app.get('/state', async () => ({
    tokenTtlSeconds: sim.tokenTtlSeconds,
    refundSettleMs: sim.refundSettleMs,
    statusLagMs: sim.statusLagMs,
    refundOutcome: sim.refundOutcome,
    clockOffsetMs: sim.clockOffsetMs,
    webhook: { ...webhooks.settings, password: undefined },
    calls: Object.fromEntries(sim.calls),
    faults: Object.fromEntries(sim.faults),
    liveTokens: [...sim.tokens.values()].filter((expiresAt) => expiresAt > sim.now()).length,
  }));

  app.post('/reset', async () => {
    ctx.releaseHangs();
    sim.reset();
    webhooks.reset();
    webhooks.settings = { ...webhooks.settings, mode: { mode: 'normal' } };
    return { ok: true };
  });

  app.post<{ Body: { tokenTtlSeconds?: number; refundSettleMs?: number; statusLagMs?: number; refundOutcome?: 'success' | 'failure' } }>('/config', async (request, reply) => {
    const { tokenTtlSeconds, refundSettleMs, statusLagMs, refundOutcome } = request.body ?? {};
    if (statusLagMs !== undefined && !(Number.isInteger(statusLagMs) && statusLagMs >= 0)) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'statusLagMs must be a non-negative integer'));
    }
    if (refundOutcome !== undefined && refundOutcome !== 'success' && refundOutcome !== 'failure') {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'refundOutcome must be success or failure'));
    }
    if (tokenTtlSeconds !== undefined && !(Number.isInteger(tokenTtlSeconds) && tokenTtlSeconds > 0)) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'tokenTtlSeconds must be a positive integer'));
    }
    if (refundSettleMs !== undefined && !(Number.isInteger(refundSettleMs) && refundSettleMs >= 0)) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'refundSettleMs must be a non-negative integer'));
    }
    sim.tokenTtlSeconds = tokenTtlSeconds ?? sim.tokenTtlSeconds;
    sim.refundSettleMs = refundSettleMs ?? sim.refundSettleMs;
    sim.statusLagMs = statusLagMs ?? sim.statusLagMs;
    sim.refundOutcome = refundOutcome ?? sim.refundOutcome;
    return { tokenTtlSeconds: sim.tokenTtlSeconds, refundSettleMs: sim.refundSettleMs, statusLagMs: sim.statusLagMs, refundOutcome: sim.refundOutcome };
  });

  app.post('/tokens/revoke', async () => {
    sim.tokens.clear();
    return { ok: true };
  });

  // { advanceMs } moves PhonePe's clock on; { offsetMs } sets its distance from real time (>= 0), for a test that
  // moves its own stored times rather than its clock and keeps PhonePe's in step with them.
  app.post<{ Body: { advanceMs?: number; offsetMs?: number } }>('/clock', async (request, reply) => {
    const { advanceMs, offsetMs } = request.body ?? {};
    if (offsetMs !== undefined) {
      if (!Number.isInteger(offsetMs) || offsetMs < 0 || advanceMs !== undefined) {
        return reply.code(400).send(phonePeError('BAD_REQUEST', 'offsetMs must be a non-negative integer, without advanceMs'));
      }
      sim.clockOffsetMs = offsetMs;
      ctx.notify(sim.sweep());
      return { clockOffsetMs: sim.clockOffsetMs, now: sim.now() };
    }
    if (!Number.isInteger(advanceMs) || (advanceMs as number) < 0) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'advanceMs must be a non-negative integer'));
    }
    sim.clockOffsetMs += advanceMs as number;
    ctx.notify(sim.sweep());
    return { clockOffsetMs: sim.clockOffsetMs, now: sim.now() };
  });

  app.post<{ Body: WebhookBody }>('/webhook', async (request, reply) => {
    const body = request.body ?? {};
    const mode = body.mode === undefined ? webhooks.settings.mode : toMode(body);
    if (typeof mode === 'string') return reply.code(400).send(phonePeError('BAD_REQUEST', mode));
    if (body.url !== undefined) {
      try {
        new URL(body.url);
      } catch {
        return reply.code(400).send(phonePeError('BAD_REQUEST', 'url must be an absolute URL'));
      }
    }
    webhooks.settings = {
      url: body.url ?? webhooks.settings.url,
      username: body.username ?? webhooks.settings.username,
      password: body.password ?? webhooks.settings.password,
      mode,
      retries: body.retries ?? webhooks.settings.retries,
      retryDelayMs: body.retryDelayMs ?? webhooks.settings.retryDelayMs,
    };
    return { ...webhooks.settings, password: undefined };
  });

  // ?wait=true resolves only after every started delivery has finished, which keeps tests free of sleeps.
  app.get<{ Querystring: { merchantOrderId?: string; wait?: string } }>('/webhooks', async (request) => {
    if (request.query.wait === 'true') await webhooks.idle();
    const { merchantOrderId } = request.query;
    return webhooks.deliveries.filter((d) => !merchantOrderId || d.merchantOrderId === merchantOrderId);
  });

  app.post('/webhooks/flush', async () => {
    webhooks.flush();
    return { ok: true };
  });

  app.post<{ Body: { route?: SimRoute; status?: 429 | 500 | 'hang'; count?: number; ms?: number } }>(
    '/faults',
    async (request, reply) => {
      const { route, status, count = 1, ms = 30_000 } = request.body ?? {};
      if (!route || !ROUTES.includes(route)) {
        return reply.code(400).send(phonePeError('BAD_REQUEST', `route must be one of ${ROUTES.join(', ')}`));
      }
      if (!Number.isInteger(count) || count < 1) return reply.code(400).send(phonePeError('BAD_REQUEST', 'count must be >= 1'));
      let fault: Fault;
      if (status === 429 || status === 500) fault = { status, count };
      else if (status === 'hang') fault = { status, count, ms };
      else return reply.code(400).send(phonePeError('BAD_REQUEST', "status must be 429, 500 or 'hang'"));
      sim.faults.set(route, fault);
      return { route, ...fault };
    },
  );

  app.delete('/faults', async () => {
    sim.faults.clear();
    ctx.releaseHangs();
    return { ok: true };
  });

  app.get('/orders', async () => [...sim.orders.values()].map((order) => orderStatusBody(order, { details: true, errorContext: false })));

  // Same effect as the hosted page's buttons; the id may be PhonePe's orderId or the merchantOrderId.
  app.post<{ Params: { id: string }; Body: { outcome?: CheckoutOutcome } }>('/orders/:id/complete', async (request, reply) => {
    const order = sim.findOrder(request.params.id);
    if (!order) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
    const outcome = request.body?.outcome;
    if (!outcome || !OUTCOMES.includes(outcome)) {
      return reply.code(400).send(phonePeError('BAD_REQUEST', 'outcome must be success, failure or pending'));
    }
    if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
    const changed = sim.complete(order, outcome);
    if (changed) ctx.notify([{ kind: 'order', order: changed }]);
    return orderStatusBody(order, { details: true, errorContext: false });
  });

  // A capture the bank confirms after the order expired or failed (PhonePe then reports it COMPLETED).
  app.post<{ Params: { id: string } }>('/orders/:id/late-capture', async (request, reply) => {
    const order = sim.findOrder(request.params.id);
    if (!order) return reply.code(404).send(phonePeError('NOT_FOUND', 'Order not found.'));
    if (sim.expire(order)) ctx.notify([{ kind: 'order', order }]);
    const changed = sim.lateCapture(order);
    if (!changed) return reply.code(409).send(phonePeError('BAD_REQUEST', 'Order is already COMPLETED.'));
    ctx.notify([{ kind: 'order', order: changed }]);
    return orderStatusBody(order, { details: true, errorContext: false });
  });
}
