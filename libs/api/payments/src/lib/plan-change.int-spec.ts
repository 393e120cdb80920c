// Plan changes, cancel and resume (issue #16 items 4-5) against real Postgres and the PhonePe stand-in.
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { HttpPlatformModule, QueueModule } from '@raptorflow/api-platform';
import { apiCaller, createTestApp, eventually } from '@raptorflow/api-platform/testing';
import { prorate, type BillingPeriod, type PlanId } from '@raptorflow/contracts';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { sandboxControl, standInEnv, startTestSandbox } from '@raptorflow/sandbox/testing';
import { PaymentsModule } from './payments.module';
import { PlanChangeSettlement } from './plan-change.settlement';

describe('plan changes', () => {
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let sandboxUrl: string;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let call: ReturnType<typeof apiCaller>;
  let control: ReturnType<typeof sandboxControl>;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    api = await createTestApp(
      { imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule] },
      {
        SUPABASE_URL: idp.url,
        ...standInEnv(sandboxUrl),
        RATE_LIMIT_PER_MINUTE: '100000',
        REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:plan${Date.now()}`,
      },
    );
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    call = apiCaller(apiUrl);
    control = sandboxControl(sandboxUrl);
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });

  beforeEach(async () => {
    await control('/phonepe/__sandbox/reset', {});
    await control('/phonepe/__sandbox/webhook', { url: `${apiUrl}/api/v1/payments/webhook`, mode: 'drop' });
  });



  const workspaceOf = async (user: TestUser): Promise<string> => (await pg.query('select id from workspaces where owner_id = $1', [user.id])).rows[0].id;
  const subscriptionOf = async (user: TestUser) =>
    (await pg.query(`select s.* from subscriptions s join workspaces w on w.id = s.workspace_id where w.owner_id = $1`, [user.id])).rows[0];
  const paymentRow = async (id: string) => (await pg.query(`select * from payment_transactions where merchant_order_id = $1`, [id])).rows[0];
  const auditOf = async (workspaceId: string) => (await pg.query(`select action from audit_log where workspace_id = $1 order by id`, [workspaceId])).rows.map((r) => r.action);

  /** A subscription straight in the database: `endsIn` from now, started one period before its end. */
  async function subscribe(user: TestUser, plan: PlanId, period: BillingPeriod, endsIn: string, status = 'active') {
    const ws = await workspaceOf(user);
    await pg.query(
      `insert into subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
       values ($1, $2, $3, $4, now() + $5::interval - $6::interval, now() + $5::interval)
       on conflict (workspace_id) do update set plan_id = excluded.plan_id, period = excluded.period, status = excluded.status,
         current_period_start = excluded.current_period_start, current_period_end = excluded.current_period_end`,
      [ws, plan, period, status, endsIn, period === 'year' ? '1 year' : '1 month'],
    );
    return ws;
  }

  async function join(workspaceId: string) {
    const member = await idp.createUser();
    return pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [workspaceId, member.id]).then(
      () => 'joined',
      (error: { constraint?: string }) => error.constraint ?? 'other error',
    );
  }

  async function settle(user: TestUser, id: string, outcome: 'success' | 'failure') {
    await control(`/phonepe/__sandbox/orders/${id}/complete`, { outcome });
    return eventually(async () => {
      const s = await call('GET', `/payments/status/${id}`, user);
      return s.body.state !== 'PENDING' && s.body;
    });
  }

  it('charges the prorated difference for an upgrade and switches only once PhonePe confirms it, keeping the period end', async () => {
    const user = await idp.createUser();
    const started = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    expect((await settle(user, started.body.merchantOrderId, 'success')).state).toBe('COMPLETED');
    const term = await subscriptionOf(user);
    const expected = (at: number) =>
      prorate({
        current: { planId: 'starter', period: 'month', price: 499_900, periodStart: term.current_period_start, periodEnd: term.current_period_end },
        target: { planId: 'growth', period: 'month', price: 999_900 },
        now: new Date(at),
      }).amount;

    const before = Date.now();
    const quote = await call('GET', '/payments/subscription/change/quote?planId=growth&period=month', user);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ kind: 'upgrade', planId: 'growth', period: 'month' });
    expect(quote.body.amount).toBeLessThanOrEqual(expected(before));
    expect(quote.body.amount).toBeGreaterThanOrEqual(expected(Date.now()));
    // Nearly a whole month is left: nearly the whole difference of ₹5,000.
    expect(quote.body.amount).toBeGreaterThan(495_000);

    // A first attempt fails: nothing switches, and the next try is a fresh checkout.
    const t0 = Date.now();
    const failed = await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' });
    expect(failed.status).toBe(201);
    expect(failed.body.checkout.checkoutUrl).toContain(`${sandboxUrl}/phonepe/checkout/`);
    expect(failed.body.amount).toBeLessThanOrEqual(expected(t0));
    expect(failed.body.amount).toBeGreaterThanOrEqual(expected(Date.now()));
    expect(await paymentRow(failed.body.checkout.merchantOrderId)).toMatchObject({ purpose: 'upgrade', plan_id: 'growth', amount: failed.body.amount, state: 'PENDING' });
    expect((await subscriptionOf(user)).plan_id).toBe('starter');
    expect((await settle(user, failed.body.checkout.merchantOrderId, 'failure')).state).toBe('FAILED');
    expect((await subscriptionOf(user)).plan_id).toBe('starter');

    const upgrade = await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' });
    const id = upgrade.body.checkout.merchantOrderId;
    expect(id).not.toBe(failed.body.checkout.merchantOrderId);
    expect((await subscriptionOf(user)).plan_id).toBe('starter');
    const paid = await settle(user, id, 'success');
    expect(paid).toMatchObject({ state: 'COMPLETED', amount: upgrade.body.amount, planId: 'growth', purpose: 'upgrade' });
    const after = await subscriptionOf(user);
    expect(after).toMatchObject({ plan_id: 'growth', period: 'month', status: 'active' });
    expect(after.current_period_end).toEqual(term.current_period_end);

    // Confirmed again (a late webhook, the sweep): applied once.
    await api.get(PlanChangeSettlement).applyDue();
    await call('GET', `/payments/status/${id}`, user);
    expect((await subscriptionOf(user)).current_period_end).toEqual(term.current_period_end);
    // The upgrade is a payment like any other: its GST invoice, for the prorated amount.
    const invoices = (await pg.query(`select total, description from tax_documents where merchant_order_id = $1`, [id])).rows;
    expect(invoices).toEqual([{ total: upgrade.body.amount, description: expect.stringContaining('upgrade from Starter') }]);
    const changes = (await pg.query(`select kind, status, amount from subscription_changes where workspace_id = $1 order by created_at`, [await workspaceOf(user)])).rows;
    expect(changes).toEqual([
      { kind: 'upgrade', status: 'cancelled', amount: failed.body.amount },
      { kind: 'upgrade', status: 'applied', amount: upgrade.body.amount },
    ]);
    expect(await auditOf(await workspaceOf(user))).toEqual(expect.arrayContaining(['subscription.upgrade_started', 'subscription.upgraded']));
    // The plain checkout for another plan still refuses, and names the change route.
    const plain = await call('POST', '/payments/initiate', user, { planId: 'pro', period: 'month' });
    expect([plain.status, plain.body.code]).toEqual([409, 'PLAN_CHANGE_REQUIRED']);
    expect(plain.body.message).toContain('/payments/subscription/change');
  });

  it('switches free when the proration rounds below ₹1', async () => {
    const user = await idp.createUser();
    // 5 minutes of a month left: 500000 x 300 / (30 days) = 58 paise, below PhonePe's 100.
    const ws = await subscribe(user, 'starter', 'month', '5 minutes');
    const res = await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'upgrade', amount: 0, checkout: null });
    expect((await subscriptionOf(user)).plan_id).toBe('growth');
    expect((await pg.query(`select count(*)::int as n from payment_transactions where workspace_id = $1`, [ws])).rows[0].n).toBe(0);
  });

  it('schedules a downgrade for the period end, shows it, and applies it when the period ends', async () => {
    const user = await idp.createUser();
    const ws = await subscribe(user, 'growth', 'month', '3 seconds');
    const end = (await subscriptionOf(user)).current_period_end as Date;
    const quote = await call('GET', '/payments/subscription/change/quote?planId=starter&period=month', user);
    expect(quote.body).toMatchObject({ kind: 'scheduled', amount: 0, effectiveAt: end.toISOString() });
    const res = await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'scheduled', checkout: null, scheduled: { planId: 'starter', period: 'month', effectiveAt: end.toISOString() } });
    expect((await call('GET', '/payments/subscription/change', user)).body.scheduled).toMatchObject({ planId: 'starter', effectiveAt: end.toISOString() });
    expect((await subscriptionOf(user)).plan_id).toBe('growth');
    // The seat that goes away at the period end is not offered now.
    expect(await join(ws)).toBe('workspace_members_seat_limit');

    await eventually(async () => (await api.get(PlanChangeSettlement).applyDue()) > 0, 10_000, 250);
    expect(await subscriptionOf(user)).toMatchObject({ plan_id: 'starter', period: 'month' });
    expect((await call('GET', '/payments/subscription/change', user)).body.scheduled).toBeNull();
    expect(await auditOf(ws)).toEqual(expect.arrayContaining(['subscription.change_scheduled', 'subscription.change_applied']));
  });

  it('renews into a scheduled change at its price, and "keep current plan" drops it', async () => {
    const user = await idp.createUser();
    await subscribe(user, 'growth', 'month', '10 days');
    const end = (await subscriptionOf(user)).current_period_end as Date;
    expect((await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'year' })).body.kind).toBe('scheduled');
    const old = await call('POST', '/payments/initiate', user, { planId: 'growth', period: 'month' });
    expect([old.status, old.body.code]).toEqual([409, 'PLAN_CHANGE_REQUIRED']);
    // Replaced by another change, then kept.
    expect((await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' })).body.scheduled).toMatchObject({ planId: 'starter' });
    expect((await call('DELETE', '/payments/subscription/change', user)).body).toEqual({ scheduled: null });
    expect((await call('GET', '/payments/subscription/change', user)).body.scheduled).toBeNull();
    const again = await call('POST', '/payments/initiate', user, { planId: 'growth', period: 'month' });
    expect(again.status).toBe(201);

    // Scheduled once more: the renewal is for the scheduled plan and adds its period without switching yet.
    await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' });
    const renewal = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    expect([renewal.status, renewal.body.amount]).toEqual([201, 499_900]);
    expect((await settle(user, renewal.body.merchantOrderId, 'success')).state).toBe('COMPLETED');
    const sub = await subscriptionOf(user);
    expect(sub.plan_id).toBe('growth');
    const endMs = end.getTime();
    expect(new Date(sub.current_period_end).getTime()).toBeGreaterThan(endMs + 27 * 86_400_000);
    // And with the next period paid at the scheduled price, the change is held until it applies.
    const locked = await call('POST', '/payments/subscription/change', user, { planId: 'pro', period: 'month' });
    expect([locked.status, locked.body.code]).toEqual([409, 'CHANGE_LOCKED']);
  });

  it('refuses a downgrade below the member count with the number of seats to free', async () => {
    const user = await idp.createUser();
    const ws = await subscribe(user, 'pro', 'month', '20 days');
    for (let i = 0; i < 3; i++) expect(await join(ws)).toBe('joined');
    const res = await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' });
    expect([res.status, res.body.code]).toEqual([409, 'SEATS_IN_USE']);
    expect(res.body.message).toContain('remove 3 members');
    expect(res.body.details).toEqual({ members: 4, seats: 1, free: 3 });
    expect((await pg.query(`select count(*)::int as n from subscription_changes where workspace_id = $1`, [ws])).rows[0].n).toBe(0);
    // The database holds the rule too.
    const direct = await pg
      .query(`insert into subscription_changes (workspace_id, kind, from_plan_id, from_period, to_plan_id, to_period, period_end) values ($1, 'scheduled', 'pro', 'month', 'starter', 'month', now() + interval '20 days')`, [ws])
      .then(() => 'inserted', (error: { constraint?: string }) => error.constraint);
    expect(direct).toBe('subscription_changes_seat_limit');
    // Growth's 5 seats fit the 4 members.
    expect((await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' })).body.kind).toBe('scheduled');
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const user = await idp.createUser();
    await subscribe(user, 'growth', 'month', '20 days');
    const bad = await call('POST', '/payments/subscription/change', user, { planId: 'gold', period: 'week' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/planId/);
    const same = await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' });
    expect([same.status, same.body.code]).toEqual([409, 'PLAN_UNCHANGED']);
    const none = await call('POST', '/payments/subscription/change', await idp.createUser(), { planId: 'growth', period: 'month' });
    expect([none.status, none.body.code]).toEqual([409, 'SUBSCRIPTION_NOT_RUNNING']);
  });

  it('cancels (dropping a scheduled change), resumes before the period end, and refuses to resume after it', async () => {
    const user = await idp.createUser();
    const ws = await subscribe(user, 'growth', 'month', '12 days');
    await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' });
    const cancelled = await call('POST', '/payments/subscription/cancel', user);
    expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
    expect((await call('GET', '/payments/subscription/change', user)).body.scheduled).toBeNull();
    const blocked = await call('POST', '/payments/subscription/change', user, { planId: 'pro', period: 'month' });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'SUBSCRIPTION_CANCELLED']);

    const resumed = await call('POST', '/payments/subscription/resume', user);
    expect([resumed.status, resumed.body.status]).toEqual([200, 'active']);
    expect((await subscriptionOf(user)).status).toBe('active');
    expect((await call('GET', '/auth/verify-profile', user)).body.subscription.status).toBe('active');
    const twice = await call('POST', '/payments/subscription/resume', user);
    expect([twice.status, twice.body.code]).toEqual([409, 'SUBSCRIPTION_NOT_RUNNING']);

    await call('POST', '/payments/subscription/cancel', user);
    await pg.query(`update subscriptions set current_period_start = now() - interval '31 days', current_period_end = now() - interval '1 second' where workspace_id = $1`, [ws]);
    const late = await call('POST', '/payments/subscription/resume', user);
    expect([late.status, late.body.code]).toEqual([409, 'RESUME_TOO_LATE']);
    expect((await subscriptionOf(user)).status).toBe('cancelled');
    expect(await auditOf(ws)).toEqual(expect.arrayContaining(['subscription.cancel', 'subscription.change_cancelled', 'subscription.resume']));
  });
});
