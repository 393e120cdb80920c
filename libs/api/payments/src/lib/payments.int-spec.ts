import { execFileSync } from 'node:child_process';
// The payment journey against the PhonePe and Resend stand-ins, with the real adapters, API and worker.
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EmailWorkerModule } from '@raptorflow/api-email';
import { AuthModule, operatorCommand } from '@raptorflow/api-auth';
import { enrollVerifiedFactor, setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { OutboxRelay } from '@raptorflow/api-email';
import { ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { apiCaller, createTestApp, eventually, TcpProxy, testModule } from '@raptorflow/api-platform/testing';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { sandboxControl, standInEnv, startTestSandbox } from '@raptorflow/sandbox/testing';
import { phonePeWebhookAuthorization } from './gateway/phonepe.webhook';
import { PaymentsModule, PaymentsWorkerModule } from './payments.module';
import { PaymentSettlementService } from './payment-settlement.service';

describe('payments', () => {
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let sandboxUrl: string;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let call: ReturnType<typeof apiCaller>;
  let control: ReturnType<typeof sandboxControl>;
  let worker: INestApplicationContext;
  let pg: Client;
  let overrides: Record<string, string>;
  let relay: OutboxRelay;
  // The worker reaches Redis through this proxy, so a test can take Redis away from it.
  let redis: TcpProxy;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    overrides = {
      SUPABASE_URL: idp.url,
      ...standInEnv(sandboxUrl),
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:pay${Date.now()}`,
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule] }, overrides);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    call = apiCaller(apiUrl);
    control = sandboxControl(sandboxUrl);
    const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    redis = await TcpProxy.start({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const workerOverrides = { ...overrides, REDIS_URL: `redis://127.0.0.1:${redis.port}` };
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, PaymentsWorkerModule, EmailWorkerModule] }, workerOverrides).compile();
    worker = await moduleRef.init();
    relay = worker.get(OutboxRelay);
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await redis?.resume();
    await worker?.close();
    await redis?.cut();
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });

  beforeEach(async () => {
    await control('/phonepe/__sandbox/reset', {});
    await control('/phonepe/__sandbox/webhook', { url: `${apiUrl}/api/v1/payments/webhook`, mode: 'normal' });
  });



  const subscriptionOf = async (user: TestUser) =>
    (
      await pg.query(
        `select s.status, s.plan_id, s.current_period_end from subscriptions s join workspaces w on w.id = s.workspace_id where w.owner_id = $1`,
        [user.id],
      )
    ).rows[0];

  const paymentRow = async (id: string) => (await pg.query(`select * from payment_transactions where merchant_order_id = $1`, [id])).rows[0];
  const authorization = phonePeWebhookAuthorization('rfsandbox', 'sandboxPass123');
  const postWebhook = (body: string) =>
    fetch(`${apiUrl}/api/v1/payments/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
  const operator = async () => {
    const ops = await idp.createUser();
    expect(await operatorCommand(pg, 'grant', ops.email, 'payments.int-spec')).toBe(`${ops.email} is an operator`);
    // Operators always need a second factor: enrolled, and the session passed it.
    await enrollVerifiedFactor(ops.id);
    return { ...ops, token: await idp.sign(ops.id, ops.email, { aal: 'aal2' }) };
  };
  const refundsOf = async (id: string) => (await pg.query(`select * from refunds where merchant_order_id = $1 order by created_at`, [id])).rows;

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

    // The receipt carries the GST tax invoice issued in the settlement, as a PDF.
    const [invoice] = (await pg.query(`select * from tax_documents where merchant_order_id = $1`, [first.body.merchantOrderId])).rows;
    expect(invoice).toMatchObject({ kind: 'invoice', total: 999_900 });
    const mails = (await emailsTo(user.email)) as unknown as { subject: string; text: string; attachments?: { filename: string; content: string }[] }[];
    const receipt = mails.find((m) => /receipt/i.test(m.subject));
    expect(receipt?.text).toContain(`Tax invoice: ${invoice.number} (attached)`);
    expect(receipt?.attachments?.map((a) => a.filename)).toEqual([`${invoice.number.replace(/\//g, '-')}.pdf`]);
    const pdf = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(receipt?.attachments?.[0].content ?? '', 'base64') }).toString();
    expect(pdf).toContain('TAX INVOICE');
    expect(pdf).toContain(invoice.number);
    expect(pdf).toContain('Total (paid): INR 9,999.00');
  });

  it('applies duplicated, late and replayed webhooks exactly once', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { mode: 'duplicate', count: 4 });
    const id = await pay(user, 'success');
    await eventually(async () => (await paymentRow(id)).state === 'COMPLETED');
    const delivered = await control(`/phonepe/__sandbox/webhooks?merchantOrderId=${id}&wait=true`);
    expect(delivered.length).toBeGreaterThanOrEqual(4);
    // Replaying the callback and asking PhonePe again later changes nothing either.
    const before = await subscriptionOf(user);
    for (const d of delivered) await postWebhook(JSON.stringify(d.body));
    await api.get(PaymentSettlementService).reconcile(id);
    await relay.drain();
    const after = await subscriptionOf(user);
    expect(after.current_period_end).toEqual(before.current_period_end);
    const monthFromNow = Date.now() + 31 * 86_400_000;
    expect(new Date(after.current_period_end).getTime()).toBeLessThanOrEqual(monthFromNow);
    expect((await paymentRow(id)).state).toBe('COMPLETED');
  });

  it('treats an authenticated webhook as a hint: a COMPLETED claim for an order PhonePe reports PENDING activates nothing', async () => {
    const user = await idp.createUser();
    const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    const id = started.body.merchantOrderId;
    const forged = JSON.stringify({ event: 'checkout.order.completed', payload: { merchantOrderId: id, orderId: 'OMO_FORGED', state: 'COMPLETED', amount: 499_900, paymentDetails: [] } });
    const res = await postWebhook(forged);
    expect([res.status, (await res.json()).outcome]).toEqual([200, 'accepted']);
    await relay.drain();
    // The check the webhook owed has run: PhonePe said PENDING, so nothing moved.
    const row = await eventually(async () => {
      const r = await paymentRow(id);
      return r.status_checks >= 1 && r;
    });
    expect(row.state).toBe('PENDING');
    expect(await subscriptionOf(user)).toBeUndefined();
  });

  it('waits for PhonePe when its status lags behind the webhook, and when status checks fail', async () => {
    const user = await idp.createUser();
    // No webhook, so the worker does not ask PhonePe while this test does.
    await control('/phonepe/__sandbox/webhook', { mode: 'drop' });
    await control('/phonepe/__sandbox/config', { statusLagMs: 600_000 });
    const id = await pay(user, 'success', 'growth', 'month');
    const settlement = api.get(PaymentSettlementService);
    expect((await settlement.reconcile(id))?.state).toBe('PENDING');
    await control('/phonepe/__sandbox/faults', { route: 'orderStatus', status: 500, count: 1 });
    await control('/phonepe/__sandbox/clock', { advanceMs: 600_000 });
    await expect(settlement.reconcile(id)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await control('/phonepe/__sandbox/faults', { route: 'orderStatus', status: 'hang', count: 1, ms: 5_000 });
    await expect(settlement.reconcile(id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect((await paymentRow(id)).state).toBe('PENDING');
    expect(await subscriptionOf(user)).toBeUndefined();
    expect((await settlement.reconcile(id))?.state).toBe('COMPLETED');
    expect(await subscriptionOf(user)).toMatchObject({ status: 'active', plan_id: 'growth' });
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

  it('lets only users in the operators table refund, whatever their e-mail, and only what was paid', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await call('GET', `/payments/status/${id}`, user)).body.state === 'COMPLETED');
    for (const who of [user, await idp.createUser(`ops-${Date.now()}@raptorflow.test`), await idp.createUser(`founder-${Date.now()}@raptorflow.in`)]) {
      const refused = await call('POST', '/payments/admin/refund', who, { merchantOrderId: id });
      expect([refused.status, refused.body.code]).toEqual([403, 'OPERATOR_REQUIRED']);
    }
    const ops = await operator();
    const excess = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 10_000_000 });
    expect([excess.status, excess.body.code]).toEqual([400, 'REFUND_INVALID']);
    expect(excess.body.message).toMatch(/^amount/);
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
    const refunded = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 100_000, reason: 'customer asked' });
    expect(refunded.status).toBe(201);
    const audited = await pg.query(`select actor_id, actor_kind, action, after, reason, request_id from audit_log where target = $1 order by id`, [id]);
    expect(audited.rows).toEqual([
      expect.objectContaining({ actor_id: user.id, actor_kind: 'owner', action: 'payment.initiate', after: { planId: 'starter', period: 'month', amount: 499_900 } }),
      expect.objectContaining({ actor_id: ops.id, actor_kind: 'operator', action: 'payment.refund', reason: 'customer asked', request_id: expect.any(String) }),
    ]);
    expect(refunded.body).toMatchObject({ merchantOrderId: id, amount: 100_000, reason: 'operator', state: expect.stringMatching(/PENDING|COMPLETED/) });
    const done = await eventually(async () => {
      const view = (await call('GET', `/payments/status/${id}`, user)).body;
      return view.refunds[0]?.state === 'COMPLETED' && view;
    });
    expect(done.refundedAmount).toBe(100_000);
    // A partial refund leaves the paid period alone.
    expect(await subscriptionOf(user)).toMatchObject({ status: 'active' });
    await eventually(async () => (await emailsTo(user.email)).some((m) => /refund of ₹1,000.00 is complete/.test(m.subject)));
  });

  it('settles a refund from its pg.refund.* webhook, and a failed refund gives its reservation back', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await paymentRow(id)).state === 'COMPLETED');
    const ops = await operator();
    await control('/phonepe/__sandbox/config', { refundSettleMs: 60_000, refundOutcome: 'failure' });
    const first = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id });
    expect(first.body).toMatchObject({ state: 'PENDING', amount: 499_900 });
    // Everything is reserved: nothing more can be refunded while it is pending.
    expect((await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 100 })).body.code).toBe('REFUND_INVALID');
    await control('/phonepe/__sandbox/clock', { advanceMs: 60_000 });
    const hooks = await control(`/phonepe/__sandbox/webhooks?wait=true`);
    expect(hooks.some((h: { event: string; merchantRefundId?: string }) => h.event === 'pg.refund.failed' && h.merchantRefundId === first.body.merchantRefundId)).toBe(true);
    await eventually(async () => (await refundsOf(id))[0].state === 'FAILED');
    expect((await paymentRow(id)).refunded_amount).toBe(0);
    await control('/phonepe/__sandbox/config', { refundOutcome: 'success' });
    const second = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: 200_000 });
    expect(second.status).toBe(201);
    await control('/phonepe/__sandbox/clock', { advanceMs: 60_000 });
    await eventually(async () => (await refundsOf(id))[1]?.state === 'COMPLETED');
    expect((await paymentRow(id)).refunded_amount).toBe(200_000);
    expect(await subscriptionOf(user)).toMatchObject({ status: 'active' });
  });

  it('answers bad refund input with a 4xx naming the field and writes nothing', async () => {
    const ops = await operator();
    const cases: [unknown, RegExp][] = [
      [{ merchantOrderId: 'bad id!' }, /merchantOrderId/],
      [{ merchantOrderId: 'RF_x', amount: 'lots' }, /amount/],
      [{ merchantOrderId: 'RF_x', amount: 99 }, /amount/],
      [{ amount: 100 }, /merchantOrderId/],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/payments/admin/refund', ops, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(field);
    }
    const unknown = await call('POST', '/payments/admin/refund', ops, { merchantOrderId: 'RF_nope' });
    expect(unknown.status).toBe(404);
    expect((await pg.query(`select count(*)::int as n from refunds where requested_by = $1`, [ops.id])).rows[0].n).toBe(0);
  });

  it('10 concurrent refunds of a quarter each: the refunded total never exceeds what was paid and every refund ends', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await paymentRow(id)).state === 'COMPLETED');
    const ops = await operator();
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
    const quarter = 499_900 / 4 - (499_900 % 4) / 4;
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', '/payments/admin/refund', ops, { merchantOrderId: id, amount: quarter })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    expect(answers.filter((a) => a.status === 400).map((a) => a.body.code)).toEqual(Array(6).fill('REFUND_INVALID'));
    const refunds = await eventually(async () => {
      const rows = await refundsOf(id);
      return rows.every((r) => r.state !== 'PENDING') && rows;
    });
    expect(refunds.map((r) => r.state)).toEqual(Array(4).fill('COMPLETED'));
    const row = await paymentRow(id);
    expect(row.refunded_amount).toBe(4 * quarter);
    expect(row.refunded_amount).toBeLessThanOrEqual(row.captured_amount);
    // Each completed refund has its credit note against the invoice, in the credit-note series.
    const notes = (await pg.query(`select total, number from tax_documents where merchant_order_id = $1 and kind = 'credit_note'`, [id])).rows;
    expect(notes.map((n) => n.total)).toEqual(Array(4).fill(quarter));
    expect(notes.every((n) => n.number.startsWith('CN/'))).toBe(true);
    // The database refuses a fifth quarter whatever the code does.
    await expect(
      pg.query(`insert into refunds (merchant_refund_id, merchant_order_id, amount) values ('RFR_sql_${Date.now()}', $1, $2)`, [id, quarter]),
    ).rejects.toThrow(/exceed/);
  });

  it('ends the period a payment paid for when it is refunded in full', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await paymentRow(id)).state === 'COMPLETED');
    const ops = await operator();
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
    expect((await call('POST', '/payments/admin/refund', ops, { merchantOrderId: id })).status).toBe(201);
    const sub = await eventually(async () => {
      const s = await subscriptionOf(user);
      return s.status === 'expired' && s;
    });
    expect(new Date(sub.current_period_end).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await paymentRow(id)).refunded_amount).toBe(499_900);
  });

  it('refunds a capture that arrives after the order expired, exactly once, and says so by email', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
    const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    const id = started.body.merchantOrderId;
    await control('/phonepe/__sandbox/clock', { advanceMs: 2 * 3600_000 });
    const settlement = api.get(PaymentSettlementService);
    expect((await settlement.reconcile(id))?.state).toBe('FAILED');
    // The bank confirms after all; PhonePe's webhook (and a replay, and our own check) all see it.
    await control(`/phonepe/__sandbox/orders/${id}/late-capture`, {});
    const delivered = await control(`/phonepe/__sandbox/webhooks?merchantOrderId=${id}&wait=true`);
    for (const d of delivered) await postWebhook(JSON.stringify(d.body));
    await Promise.all([settlement.reconcile(id), settlement.reconcile(id)]);
    const refunds = await eventually(async () => {
      const rows = await refundsOf(id);
      return rows.length > 0 && rows.every((r) => r.state === 'COMPLETED') && rows;
    });
    expect(refunds.map((r) => [r.reason, r.amount])).toEqual([['late_capture', 499_900]]);
    const row = await paymentRow(id);
    expect([row.state, row.captured_amount, row.refunded_amount]).toEqual(['FAILED', 499_900, 499_900]);
    expect(await subscriptionOf(user)).toBeUndefined();
    const history = (await call('GET', '/payments/history', user)).body;
    expect(history[0]).toMatchObject({ state: 'FAILED', refundedAmount: 499_900, refunds: [{ reason: 'late_capture', state: 'COMPLETED' }] });
    expect(history[0].failureReason).toMatch(/refunded in full/);
    const subjects = await eventually(async () => {
      const mails = (await emailsTo(user.email)).map((m) => m.subject);
      return mails.length >= 3 && mails;
    });
    expect(subjects.filter((m) => /did not go through/.test(m))).toHaveLength(1);
    expect(subjects.filter((m) => /We are refunding your RaptorFlow payment of ₹4,999.00/.test(m))).toHaveLength(1);
    expect(subjects.filter((m) => /refund of ₹4,999.00 is complete/.test(m))).toHaveLength(1);
  });

  it('refuses a payment for another plan or period while a paid term runs (409 PLAN_CHANGE_REQUIRED)', async () => {
    const user = await idp.createUser();
    const id = await pay(user, 'success', 'starter', 'year');
    await eventually(async () => (await paymentRow(id)).state === 'COMPLETED');
    for (const body of [{ planId: 'pro', period: 'month' }, { planId: 'starter', period: 'month' }]) {
      const res = await call('POST', '/payments/initiate', user, body);
      expect([res.status, res.body.code]).toEqual([409, 'PLAN_CHANGE_REQUIRED']);
    }
    expect((await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'year' })).status).toBe(201);
  });

  it('refunds a payment for another plan that completes after the first one activated', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { mode: 'drop' });
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
    const starter = await pay(user, 'success', 'starter', 'month');
    const pro = await pay(user, 'success', 'pro', 'month');
    const settlement = api.get(PaymentSettlementService);
    expect((await settlement.reconcile(starter))?.state).toBe('COMPLETED');
    expect((await settlement.reconcile(pro))?.state).toBe('FAILED');
    expect(await subscriptionOf(user)).toMatchObject({ status: 'active', plan_id: 'starter' });
    const refunds = await eventually(async () => {
      const rows = await refundsOf(pro);
      return rows[0]?.state === 'COMPLETED' && rows;
    });
    expect(refunds.map((r) => [r.reason, r.amount])).toEqual([['late_capture', 1_999_900]]);
    const view = (await call('GET', `/payments/status/${pro}`, user)).body;
    expect(view.failureReason).toMatch(/different plan/);
    await eventually(async () => (await emailsTo(user.email)).some((m) => /We are refunding your RaptorFlow payment of ₹19,999.00/.test(m.subject)));
  });

  it('lets the owner cancel: the subscription runs to its period end and a new payment renews it', async () => {
    const user = await idp.createUser();
    expect((await call('POST', '/payments/subscription/cancel', user)).status).toBe(404);
    const id = await pay(user, 'success', 'starter');
    await eventually(async () => (await call('GET', `/payments/status/${id}`, user)).body.state === 'COMPLETED');
    const cancelled = await call('POST', '/payments/subscription/cancel', user);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const audited = await pg.query(`select action, before, after from audit_log where actor_id = $1 and action = 'subscription.cancel'`, [user.id]);
    expect(audited.rows).toEqual([{ action: 'subscription.cancel', before: { status: 'active' }, after: { status: 'cancelled' } }]);
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
  it('drill: 1,000 events with duplicates, reordering, forged claims and injected failures lose and double nothing', async () => {
    // Orders through the real API and stand-in: paid, failed, and never paid (which get forged COMPLETED claims).
    await control('/phonepe/__sandbox/webhook', { mode: 'drop' });
    await control('/resend/__sandbox/reset', {});
    const orders: { id: string; user: TestUser; fate: 'paid' | 'failed' | 'unpaid' }[] = [];
    for (let i = 0; i < 40; i++) {
      const user = await idp.createUser();
      const fate = i % 4 === 0 ? 'failed' : i % 4 === 1 ? 'unpaid' : 'paid';
      const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
      if (fate !== 'unpaid') await control(`/phonepe/__sandbox/orders/${started.body.merchantOrderId}/complete`, { outcome: fate === 'paid' ? 'success' : 'failure' });
      orders.push({ id: started.body.merchantOrderId, user, fate });
    }
    const genuine = (await control('/phonepe/__sandbox/webhooks?wait=true')).map((d: { body: unknown }) => JSON.stringify(d.body));
    const claim = (id: string, state: string, amount = 499_900) =>
      JSON.stringify({ event: `checkout.order.${state === 'COMPLETED' ? 'completed' : 'failed'}`, payload: { merchantOrderId: id, orderId: `OMO_FORGED_${id}`, state, amount, paymentDetails: [] } });
    const deliveries: string[] = [];
    for (let n = 0; deliveries.length < 1000; n++) {
      const order = orders[n % orders.length];
      const kind = n % 5;
      // Genuine callbacks (repeated verbatim), stale PENDING news, and authenticated claims that lie.
      if (kind <= 1 && order.fate !== 'unpaid') deliveries.push(genuine.find((g: string) => g.includes(order.id)) as string);
      else if (kind === 2) deliveries.push(claim(order.id, 'PENDING'));
      else if (kind === 3) deliveries.push(claim(order.id, order.fate === 'paid' ? 'FAILED' : 'COMPLETED'));
      else deliveries.push(claim(order.id, 'COMPLETED', order.fate === 'paid' ? 100 : 499_900));
    }
    let seed = 42;
    for (let i = deliveries.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }

    // Failures: a tenth of the webhook transactions and a fifth of settlements roll back before commit; relay
    // batches reach Redis but lose their "delivered" mark; Redis is away from the worker for the
    // first half; Resend answers 500 and PhonePe's status API 500s and hangs past our timeout.
    await pg.query(`create or replace function public.drill_fail_outbox() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' and new.queue = 'payment-reconcile' and random() < 0.1 then raise exception 'drill: before commit'; end if;
        -- A relay batch whose commit is lost after Redis took its jobs (it is delivered again).
        if tg_op = 'UPDATE' and new.delivered_at is not null and random() < 0.01 then raise exception 'drill: lost delivered mark'; end if;
        return new;
      end $$`);
    await pg.query(`create or replace function public.drill_fail_payments() returns trigger language plpgsql as $$
      begin
        if new.state <> old.state and random() < 0.2 then raise exception 'drill: settlement rolled back'; end if;
        return new;
      end $$`);
    await pg.query(`create trigger drill_fail_outbox before insert or update on public.outbox for each row execute function public.drill_fail_outbox()`);
    await pg.query(`create trigger drill_fail_payments before update on public.payment_transactions for each row execute function public.drill_fail_payments()`);
    await control('/resend/__sandbox/fail', { status: 500, count: 10 });
    await control('/phonepe/__sandbox/faults', { route: 'orderStatus', status: 500, count: 20 });
    await redis.cut();

    const codes = new Map<number, number>();
    const queue = [...deliveries];
    let posted = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let body = queue.shift(); body; body = queue.shift()) {
          // PhonePe retries a callback that was not answered 2xx.
          for (let attempt = 0; ; attempt++) {
            const res = await postWebhook(body);
            codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
            await res.body?.cancel();
            if (res.status === 200 || attempt > 20) break;
          }
          if (++posted === 500) await redis.resume();
        }
      }),
    );
    await control('/phonepe/__sandbox/faults', { route: 'orderStatus', status: 'hang', count: 3, ms: 3_000 });
    expect([...codes.keys()].filter((c) => c !== 200 && c !== 500)).toEqual([]);

    // Settle: what the worker's sweep does, until nothing is left to check or deliver.
    const settlement = worker.get(PaymentSettlementService);
    let progress = '';
    await eventually(async () => {
      await pg.query(`update outbox set available_at = now() where delivered_at is null`);
      await relay.drain().catch(() => 0);
      for (const order of orders) await settlement.reconcile(order.id).catch(() => undefined);
      const open = await pg.query(
        `select count(*)::int as n from payment_transactions t where t.merchant_order_id = any($1) and t.state = 'PENDING' and t.merchant_order_id <> all($2)`,
        [orders.map((o) => o.id), orders.filter((o) => o.fate === 'unpaid').map((o) => o.id)],
      );
      const undelivered = await pg.query(`select count(*)::int as n from outbox where delivered_at is null`);
      progress = `open payments ${open.rows[0].n}, undelivered outbox rows ${undelivered.rows[0].n}`;
      return open.rows[0].n === 0 && undelivered.rows[0].n === 0;
    }, 90_000).catch((error) => {
      throw new Error(`${error.message}: ${progress}`);
    });
    await pg.query(`drop trigger drill_fail_outbox on public.outbox; drop trigger drill_fail_payments on public.payment_transactions`);

    const rows = new Map(
      (
        await pg.query(
          `select t.merchant_order_id, t.state, s.current_period_end from payment_transactions t left join subscriptions s on s.workspace_id = t.workspace_id where t.merchant_order_id = any($1)`,
          [orders.map((o) => o.id)],
        )
      ).rows.map((r) => [r.merchant_order_id, r]),
    );
    const oneMonth = 31 * 86_400_000;
    const lostActivations = orders.filter((o) => o.fate === 'paid' && (rows.get(o.id).state !== 'COMPLETED' || !rows.get(o.id).current_period_end)).length;
    const doubleActivations = orders.filter((o) => rows.get(o.id).current_period_end && new Date(rows.get(o.id).current_period_end).getTime() - Date.now() > oneMonth).length;
    const forgedActivations = orders.filter((o) => o.fate !== 'paid' && (rows.get(o.id).state === 'COMPLETED' || rows.get(o.id).current_period_end)).length;
    // Emails owed: receipt and welcome per paid order, a failure notice per failed one; nothing for the unpaid.
    const expected = (o: (typeof orders)[number]) => (o.fate === 'paid' ? [/receipt/, /Welcome/] : o.fate === 'failed' ? [/did not go through/] : []);
    const mailbox = await eventually(async () => {
      const all = await Promise.all(orders.map(async (o) => ({ o, subjects: (await emailsTo(o.user.email)).map((m) => m.subject) })));
      progress = `${all.filter(({ o, subjects }) => subjects.length < expected(o).length).length} mailboxes short`;
      return all.every(({ o, subjects }) => subjects.length >= expected(o).length) && all;
    }, 90_000).catch((error) => {
      throw new Error(`${error.message}: ${progress}`);
    });
    let lostEmails = 0;
    let doubledEmails = 0;
    for (const { o, subjects } of mailbox) {
      for (const pattern of expected(o)) {
        const n = subjects.filter((s) => pattern.test(s)).length;
        if (n === 0) lostEmails++;
        if (n > 1) doubledEmails++;
      }
      doubledEmails += subjects.length > expected(o).length ? subjects.length - expected(o).length : 0;
    }
    console.log(
      `payments drill: ${deliveries.length} events, answers ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `lost activations ${lostActivations}, double activations ${doubleActivations}, forged activations ${forgedActivations}, lost emails ${lostEmails}, doubled emails ${doubledEmails}`,
    );
    expect({ lostActivations, doubleActivations, forgedActivations, lostEmails, doubledEmails }).toEqual({
      lostActivations: 0,
      doubleActivations: 0,
      forgedActivations: 0,
      lostEmails: 0,
      doubledEmails: 0,
    });
  }, 240_000);
});
