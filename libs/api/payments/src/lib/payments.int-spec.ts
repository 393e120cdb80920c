// The payment journey against the PhonePe and Resend stand-ins, with the real adapters, API and worker.
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EmailWorkerModule } from '@raptorflow/api-email';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { startTestSandbox } from '@raptorflow/sandbox/testing';
import { phonePeWebhookAuthorization } from './gateway/phonepe.webhook';
import { PaymentsModule, PaymentsWorkerModule } from './payments.module';
import { PaymentSettlementService } from './payment-settlement.service';

describe('payments', () => {
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let sandboxUrl: string;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let worker: INestApplicationContext;
  let pg: Client;
  let overrides: Record<string, string>;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    overrides = {
      SUPABASE_URL: idp.url,
      PHONEPE_OAUTH_BASE_URL: `${sandboxUrl}/phonepe`,
      PHONEPE_PG_BASE_URL: `${sandboxUrl}/phonepe`,
      PHONEPE_TIMEOUT_MS: '2000',
      RESEND_BASE_URL: `${sandboxUrl}/resend`,
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:pay${Date.now()}`,
      ADMIN_EMAILS: 'ops@raptorflow.test',
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule] }, overrides);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, PaymentsWorkerModule, EmailWorkerModule] }, overrides).compile();
    worker = await moduleRef.init();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });

  beforeEach(async () => {
    await control('/phonepe/__sandbox/reset', {});
    await control('/phonepe/__sandbox/webhook', { url: `${apiUrl}/api/v1/payments/webhook`, mode: 'normal' });
  });

  async function control(path: string, body?: unknown) {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  const call = async (method: string, path: string, user?: TestUser, body?: unknown) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };

  const subscriptionOf = async (user: TestUser) =>
    (
      await pg.query(
        `select s.status, s.plan_id, s.current_period_end from subscriptions s join workspaces w on w.id = s.workspace_id where w.owner_id = $1`,
        [user.id],
      )
    ).rows[0];

  const emailsTo = (email: string): Promise<{ subject: string }[]> => control(`/resend/__sandbox/emails?to=${encodeURIComponent(email)}`);

  async function pay(user: TestUser, outcome: 'success' | 'failure' | 'pending', planId = 'growth', period = 'month') {
    const started = await call('POST', '/payments/initiate', user, { planId, period });
    expect(started.status).toBe(201);
    await control(`/phonepe/__sandbox/orders/${started.body.merchantOrderId}/complete`, { outcome });
    return started.body.merchantOrderId as string;
  }

  it('lists the plans in paise without a token', async () => {
    const res = await call('GET', '/payments/plans');
    expect(res.status).toBe(200);
    expect(res.body.map((p: { id: string; prices: { month: number } }) => [p.id, p.prices.month])).toEqual([
      ['starter', 499_900],
      ['growth', 999_900],
      ['pro', 1_999_900],
    ]);
  });

  it('takes a paid checkout to an active subscription, once, with a receipt and a welcome email', async () => {
    const user = await idp.createUser();
    const first = await call('POST', '/payments/initiate', user, { planId: 'growth', period: 'month' });
    expect(first.body).toMatchObject({ merchantOrderId: expect.stringMatching(/^RF_RF-\d{4}-\d{4,}_[0-9a-f]{12}$/), amount: 999_900 });
    expect(first.body.checkoutUrl).toContain(`${sandboxUrl}/phonepe/checkout/`);
    // While the checkout is open, starting again returns the same one.
    expect((await call('POST', '/payments/initiate', user, { planId: 'growth', period: 'month' })).body.merchantOrderId).toBe(first.body.merchantOrderId);

    await control(`/phonepe/__sandbox/orders/${first.body.merchantOrderId}/complete`, { outcome: 'success' });
    const done = await eventually(async () => {
      const s = await call('GET', `/payments/status/${first.body.merchantOrderId}`, user);
      return s.body.state === 'COMPLETED' && s.body;
    });
    expect(done).toMatchObject({ planId: 'growth', period: 'month', amount: 999_900, failureReason: null });
    const sub = await subscriptionOf(user);
    expect(sub).toMatchObject({ status: 'active', plan_id: 'growth' });
    expect((await call('GET', '/auth/verify-profile', user)).body.next).toBe('onboarding');
    const subjects = (await eventually(async () => {
      const mails = await emailsTo(user.email);
      return mails.length >= 2 && mails;
    })).map((m) => m.subject);
    expect(subjects.some((s) => /receipt/i.test(s))).toBe(true);
    expect(subjects.some((s) => /welcome/i.test(s))).toBe(true);
  });

  it('applies duplicated, late and replayed webhooks exactly once', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { mode: 'duplicate', count: 4 });
    const id = await pay(user, 'success');
    await eventually(async () => (await pg.query(`select state from payment_transactions where merchant_order_id = $1`, [id])).rows[0].state === 'COMPLETED');
    const delivered = await control(`/phonepe/__sandbox/webhooks?merchantOrderId=${id}&wait=true`);
    expect(delivered.length).toBeGreaterThanOrEqual(4);
    // Replaying the same callback later changes nothing either.
    const settlement = api.get(PaymentSettlementService);
    const before = await subscriptionOf(user);
    await settlement.apply(id, { state: 'COMPLETED', amount: 999_900, payload: { replay: true } });
    await settlement.apply(id, { state: 'FAILED', amount: 999_900, payload: { late: true } });
    const after = await subscriptionOf(user);
    expect(after.current_period_end).toEqual(before.current_period_end);
    const monthFromNow = Date.now() + 31 * 86_400_000;
    expect(new Date(after.current_period_end).getTime()).toBeLessThanOrEqual(monthFromNow);
    expect((await pg.query(`select state from payment_transactions where merchant_order_id = $1`, [id])).rows[0].state).toBe('COMPLETED');
  });

  it('refuses a webhook with the wrong authorization and applies nothing', async () => {
    const user = await idp.createUser();
    const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    const body = JSON.stringify({ event: 'checkout.order.completed', payload: { merchantOrderId: started.body.merchantOrderId, orderId: 'OMO1', state: 'COMPLETED', amount: 499_900, paymentDetails: [] } });
    for (const authorization of [undefined, 'deadbeef', 'SHA256 0000']) {
      const res = await fetch(`${apiUrl}/api/v1/payments/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('WEBHOOK_UNAUTHORIZED');
    }
    expect((await pg.query(`select state from payment_transactions where merchant_order_id = $1`, [started.body.merchantOrderId])).rows[0].state).toBe('PENDING');
    expect(await subscriptionOf(user)).toBeUndefined();
  });

  it('settles a payment whose webhook never arrives by asking PhonePe', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { mode: 'drop' });
    const id = await pay(user, 'success', 'pro', 'year');
    await api.get(PaymentSettlementService).reconcile(id);
    expect((await call('GET', `/payments/status/${id}`, user)).body.state).toBe('COMPLETED');
    expect(await subscriptionOf(user)).toMatchObject({ status: 'active', plan_id: 'pro' });
  });

  it('records a failure with a reason and an email, and a retry with a new order succeeds', async () => {
    const user = await idp.createUser();
    const failed = await pay(user, 'failure', 'starter');
    const view = await eventually(async () => {
      const s = await call('GET', `/payments/status/${failed}`, user);
      return s.body.state === 'FAILED' && s.body;
    });
    expect(view.failureReason).toEqual(expect.any(String));
    expect(await subscriptionOf(user)).toBeUndefined();
    await eventually(async () => (await emailsTo(user.email)).some((m) => /did not go through/i.test(m.subject)));
    const retried = await pay(user, 'success', 'starter');
    expect(retried).not.toBe(failed);
    await eventually(async () => (await call('GET', `/payments/status/${retried}`, user)).body.state === 'COMPLETED');
    const history = (await call('GET', '/payments/history', user)).body.map((p: { state: string }) => p.state);
    expect(history).toEqual(['COMPLETED', 'FAILED']);
  });

  it('fails an order that expires unpaid', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { mode: 'drop' });
    const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    await control('/phonepe/__sandbox/clock', { advanceMs: 2 * 3600_000 });
    await api.get(PaymentSettlementService).reconcile(started.body.merchantOrderId);
    const status = (await call('GET', `/payments/status/${started.body.merchantOrderId}`, user)).body;
    expect(status.state).toBe('FAILED');
  });

  it('never takes the amount from the client, and answers a provider outage with 503 while keeping the order', async () => {
    const user = await idp.createUser();
    const tampered = await call('POST', '/payments/initiate', user, { planId: 'pro', period: 'year', amount: 100 });
    expect(tampered.status).toBe(400);
    expect(tampered.body.message).toMatch(/amount/);
    expect((await call('POST', '/payments/initiate', user, { planId: 'platinum', period: 'month' })).body.message).toMatch(/planId/);

    await control('/phonepe/__sandbox/faults', { route: 'pay', status: 500, count: 1 });
    const outage = await call('POST', '/payments/initiate', user, { planId: 'pro', period: 'month' });
    expect(outage.status).toBe(503);
    expect(outage.body.code).toBe('PROVIDER_UNAVAILABLE');
    const rows = await pg.query(`select state, amount from payment_transactions t join workspaces w on w.id = t.workspace_id where w.owner_id = $1`, [user.id]);
    expect(rows.rows).toEqual([{ state: 'PENDING', amount: 1_999_900 }]);
  });

  it('keeps money states final in the database itself', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await pg.query(`select state from payment_transactions where merchant_order_id = $1`, [id])).rows[0].state === 'COMPLETED');
    await expect(pg.query(`update payment_transactions set state = 'FAILED' where merchant_order_id = $1`, [id])).rejects.toThrow(/cannot become FAILED/);
  });

  it('lets only operators refund, and only what was paid', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await call('GET', `/payments/status/${id}`, user)).body.state === 'COMPLETED');
    expect((await call('POST', '/payments/admin/refund', user, { merchantOrderId: id })).status).toBe(403);
    const ops = await idp.createUser('ops@raptorflow.test');
    expect((await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 10_000_000 })).body.code).toBe('REFUND_INVALID');
    const refunded = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 100_000 });
    expect(refunded.status).toBe(201);
    expect(refunded.body.refundedAmount).toBe(100_000);
  });

  it('lets the owner cancel: the subscription runs to its period end and a new payment renews it', async () => {
    const user = await idp.createUser();
    expect((await call('POST', '/payments/subscription/cancel', user)).status).toBe(404);
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await call('GET', `/payments/status/${id}`, user)).body.state === 'COMPLETED');
    const cancelled = await call('POST', '/payments/subscription/cancel', user);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const profile = (await call('GET', '/auth/verify-profile', user)).body;
    expect(profile.subscription.status).toBe('cancelled');
    expect(profile.next).toBe('onboarding');
    const renewed = await pay(user, 'success', 'starter');
    await eventually(async () => (await call('GET', `/payments/status/${renewed}`, user)).body.state === 'COMPLETED');
    expect((await subscriptionOf(user)).status).toBe('active');
  });

  it('lets only the owner pay or cancel: an admin of the workspace is refused and nothing is created', async () => {
    const owner = await idp.createUser();
    const admin = await idp.createUser();
    const workspaceId = (await pg.query('select id from workspaces where owner_id = $1', [owner.id])).rows[0].id;
    // A lapsed team plan: the seat for the admin, and still something to pay for.
    await setSubscription(pg, workspaceId, 'expired', -10, 'growth');
    await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [workspaceId, admin.id]);
    await pg.query('update users set current_workspace_id = $1 where id = $2', [workspaceId, admin.id]);
    for (const res of [await call('POST', '/payments/initiate', admin, { planId: 'growth', period: 'month' }), await call('POST', '/payments/subscription/cancel', admin)]) {
      expect([res.status, res.body.code]).toEqual([403, 'OWNER_REQUIRED']);
    }
    expect((await pg.query('select count(*)::int as n from payment_transactions where workspace_id = $1', [workspaceId])).rows[0].n).toBe(0);
  });

  it('does not show one workspace’s payments to another user', async () => {
    const a = await idp.createUser();
    const b = await idp.createUser();
    const id = await pay(a, 'pending', 'starter');
    expect((await call('GET', `/payments/status/${id}`, b)).status).toBe(404);
    expect((await call('GET', '/payments/history', b)).body).toEqual([]);
  });
  it('drill: 1,000 shuffled webhooks with duplicates and contradictions give exactly one activation per paid order', async () => {
    const orders: { id: string; workspaceId: string; paid: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      const user = await idp.createUser();
      const workspaceId = (await call('POST', '/auth/ensure-profile', user)).body.workspace.id;
      const id = `RF_DRILL_${Date.now().toString(36)}_${i}`;
      await pg.query(
        `insert into payment_transactions (merchant_order_id, workspace_id, user_id, plan_id, period, amount) values ($1, $2, $3, 'starter', 'month', 499900)`,
        [id, workspaceId, user.id],
      );
      orders.push({ id, workspaceId, paid: i % 4 !== 0 });
    }
    const deliveries: string[] = [];
    for (let n = 0; deliveries.length < 1000; n++) {
      const order = orders[n % orders.length];
      // Paid orders: mostly COMPLETED, with stale PENDING attempts; unpaid ones: FAILED. Some duplicates verbatim.
      const state = order.paid ? (Math.floor(n / orders.length) % 5 === 0 ? 'PENDING' : 'COMPLETED') : 'FAILED';
      const event = state === 'FAILED' ? 'checkout.order.failed' : 'checkout.order.completed';
      deliveries.push(JSON.stringify({ event, payload: { merchantId: 'M1', merchantOrderId: order.id, orderId: `OMO_${order.id}`, state, amount: 499_900, expireAt: Date.now() + 600_000, paymentDetails: [] } }));
    }
    // Deterministic shuffle.
    let seed = 42;
    for (let i = deliveries.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const authorization = phonePeWebhookAuthorization('rfsandbox', 'sandboxPass123');
    const codes: number[] = [];
    const queue = [...deliveries];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let body = queue.shift(); body; body = queue.shift()) {
          const res = await fetch(`${apiUrl}/api/v1/payments/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
          codes.push(res.status);
        }
      }),
    );
    expect(codes.filter((c) => c !== 200)).toEqual([]);
    const rows = await pg.query(
      `select t.merchant_order_id, t.state, t.applied_at is not null as applied, s.current_period_end
         from payment_transactions t left join subscriptions s on s.workspace_id = t.workspace_id
        where t.merchant_order_id = any($1)`,
      [orders.map((o) => o.id)],
    );
    const byId = new Map(rows.rows.map((r) => [r.merchant_order_id, r]));
    const oneMonth = 31 * 86_400_000;
    for (const order of orders) {
      const row = byId.get(order.id);
      expect(row.state).toBe(order.paid ? 'COMPLETED' : 'FAILED');
      if (order.paid) {
        // Extended once: one month from now, not one month per duplicate.
        expect(new Date(row.current_period_end).getTime() - Date.now()).toBeLessThanOrEqual(oneMonth);
        expect(new Date(row.current_period_end).getTime() - Date.now()).toBeGreaterThan(27 * 86_400_000);
      } else {
        expect(row.current_period_end).toBeNull();
      }
    }
  }, 120_000);
});
