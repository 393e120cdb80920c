// UPI Autopay against the PhonePe and Resend stand-ins, real Postgres and Redis, the real adapter, API and worker.
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { EmailWorkerModule, OutboxRelay } from '@raptorflow/api-email';
import { AppConfig, BullConnection, ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { apiCaller, createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { AUTOPAY_MAX_DEBIT_PAISE } from '@raptorflow/contracts';
import { sandboxControl, standInEnv, startTestSandbox } from '@raptorflow/sandbox/testing';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { PaymentSettlementService } from '../payment-settlement.service';
import { PaymentsModule, PaymentsWorkerModule } from '../payments.module';
import { MandateCycleService } from './mandate-cycle.service';
import { AUTOPAY_QUEUE } from './mandates.jobs';
import { AutopayProcessor } from './mandates.processor';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('UPI Autopay', () => {
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

  const startWorker = async () => {
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, PaymentsWorkerModule, EmailWorkerModule] }, overrides).compile();
    return moduleRef.init();
  };
  const cycle = () => worker.get(MandateCycleService);
  const drain = () => worker.get(OutboxRelay).drain();

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    overrides = {
      SUPABASE_URL: idp.url,
      ...standInEnv(sandboxUrl),
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:autopay${Date.now()}`,
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule] }, overrides);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    call = apiCaller(apiUrl);
    control = sandboxControl(sandboxUrl);
    worker = await startWorker();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  }, 60_000);

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



  const workspaceOf = async (user: TestUser): Promise<string> => (await pg.query(`select id from workspaces where owner_id = $1`, [user.id])).rows[0].id;
  const subscriptionOf = async (user: TestUser) => (await pg.query(`select status, plan_id, current_period_end from subscriptions where workspace_id = $1`, [await workspaceOf(user)])).rows[0];
  const mandateOf = async (user: TestUser) => (await pg.query(`select * from mandates where workspace_id = $1 order by created_at desc limit 1`, [await workspaceOf(user)])).rows[0];
  const debitsOf = async (mandateId: string) => (await pg.query(`select * from mandate_debits where mandate_id = $1 order by cycle_end, attempt`, [mandateId])).rows;
  const emailsTo = (email: string): Promise<{ subject: string; text: string }[]> => control(`/resend/__sandbox/emails?to=${encodeURIComponent(email)}`);
  const autopayState = () => control('/phonepe/__sandbox/autopay');

  /** Checkout with Autopay, approved on the stand-in's mandate screen: the first period paid, the mandate active. */
  async function activeMandate(user: TestUser, planId = 'growth') {
    const setup = await call('POST', '/payments/autopay/setup', user, { planId, period: 'month' });
    expect(setup.status).toBe(201);
    await control(`/phonepe/__sandbox/autopay/setup/${setup.body.merchantOrderId}/answer`, { answer: 'approve' });
    await eventually(async () => (await call('GET', `/payments/status/${setup.body.merchantOrderId}`, user)).body.state === 'COMPLETED');
    const view = await eventually(async () => {
      const v = await call('GET', '/payments/autopay', user);
      return v.body.mandate?.state === 'active' && v.body.mandate;
    });
    return { setup: setup.body, view, mandate: await mandateOf(user) };
  }

  /** Brings the renewal near: the paid period now ends in an hour (inside the 48 h notice lead). */
  const periodEndsSoon = async (user: TestUser) => {
    await pg.query(`update subscriptions set current_period_end = now() + interval '1 hour' where workspace_id = $1`, [await workspaceOf(user)]);
    return (await subscriptionOf(user)).current_period_end as Date;
  };

  /** 25 hours pass, for PhonePe (its clock) and for us (the notice is backdated), and the debit falls due. */
  const timePasses = async (debitId: string) => {
    await pg.query(`update mandate_debits set notified_at = notified_at - interval '25 hours', due_at = now() - interval '1 minute' where id = $1`, [debitId]);
    await control('/phonepe/__sandbox/clock', { advanceMs: 25 * HOUR });
  };

  async function notifiedDebit(user: TestUser, mandateId: string) {
    await periodEndsSoon(user);
    const [planned] = await cycle().plan(mandateId);
    expect(planned).toMatchObject({ state: 'scheduled', attempt: 1 });
    const notified = await cycle().notify(planned.id);
    expect(notified?.state).toBe('notified');
    return notified as { id: string; merchant_order_id: string };
  }

  it('sets up a mandate at checkout: the first period is paid and invoiced, the mandate shows max amount, validity and next debit', async () => {
    const user = await idp.createUser();
    const { setup, view, mandate } = await activeMandate(user);
    expect(setup).toMatchObject({ amount: 999_900, maxAmount: AUTOPAY_MAX_DEBIT_PAISE, checkoutUrl: expect.stringContaining(`${sandboxUrl}/phonepe/mandate/`) });
    const sub = await subscriptionOf(user);
    expect(sub).toMatchObject({ status: 'active', plan_id: 'growth' });
    expect(view).toMatchObject({ state: 'active', pausedBy: null, maxAmount: AUTOPAY_MAX_DEBIT_PAISE, amount: 999_900, frequency: 'MONTHLY', nextDebitAmount: 999_900 });
    expect(new Date(view.nextDebitAt).getTime()).toBe(new Date(sub.current_period_end).getTime());
    expect(new Date(view.validUntil).getTime()).toBeGreaterThan(Date.now() + 4 * 365 * DAY);
    expect(mandate.provider_subscription_id).toMatch(/^OMS/);
    expect((await pg.query(`select count(*)::int as n from tax_documents where merchant_order_id = $1`, [setup.merchantOrderId])).rows[0].n).toBe(1);
    // PhonePe has the mandate as we asked for it.
    const state = await autopayState();
    expect(state.subscriptions).toEqual([expect.objectContaining({ merchantSubscriptionId: mandate.merchant_subscription_id, state: 'ACTIVE', maxAmount: AUTOPAY_MAX_DEBIT_PAISE, frequency: 'MONTHLY', amountType: 'VARIABLE' })]);
  });

  it('a mandate activated before its setup order settles still shows the next debit once the order settles', async () => {
    const user = await idp.createUser();
    await control('/phonepe/__sandbox/webhook', { url: `${apiUrl}/api/v1/payments/webhook`, mode: 'drop' });
    const setup = await call('POST', '/payments/autopay/setup', user, { planId: 'growth', period: 'month' });
    await control(`/phonepe/__sandbox/autopay/setup/${setup.body.merchantOrderId}/answer`, { answer: 'approve' });
    // The mandate's status check wins the race: no paid term yet, so no next debit.
    const mandate = await mandateOf(user);
    await cycle().check(mandate.merchant_subscription_id);
    expect((await mandateOf(user)).state).toBe('active');
    await worker.get(PaymentSettlementService).reconcile(setup.body.merchantOrderId);
    const sub = await subscriptionOf(user);
    expect(sub).toMatchObject({ status: 'active', plan_id: 'growth' });
    const view = (await call('GET', '/payments/autopay', user)).body.mandate;
    expect(view).toMatchObject({ state: 'active', nextDebitAmount: 999_900 });
    expect(new Date(view.nextDebitAt).getTime()).toBe(new Date(sub.current_period_end).getTime());
  });

  it('a declined mandate fails the setup order and activates nothing', async () => {
    const user = await idp.createUser();
    const setup = await call('POST', '/payments/autopay/setup', user, { planId: 'starter', period: 'month' });
    await control(`/phonepe/__sandbox/autopay/setup/${setup.body.merchantOrderId}/answer`, { answer: 'decline' });
    await eventually(async () => (await call('GET', `/payments/status/${setup.body.merchantOrderId}`, user)).body.state === 'FAILED');
    const view = await eventually(async () => {
      const v = await call('GET', '/payments/autopay', user);
      return v.body.mandate?.state === 'failed' && v.body.mandate;
    });
    expect(view.nextDebitAt).toBeNull();
    expect(await subscriptionOf(user)).toBeUndefined();
  });

  it('starting Autopay twice returns the open setup; a second mandate approved in another tab is revoked, and its payment refunded', async () => {
    const user = await idp.createUser();
    const first = await call('POST', '/payments/autopay/setup', user, { planId: 'starter', period: 'month' });
    expect((await call('POST', '/payments/autopay/setup', user, { planId: 'starter', period: 'month' })).body).toEqual(first.body);
    // A one-time checkout of the same plan is its own order, not the mandate screen.
    const once = await call('POST', '/payments/initiate', user, { planId: 'starter', period: 'month' });
    expect(once.body.merchantOrderId).not.toBe(first.body.merchantOrderId);
    const second = await call('POST', '/payments/autopay/setup', user, { planId: 'growth', period: 'month' });
    expect(second.body.merchantOrderId).not.toBe(first.body.merchantOrderId);
    await control(`/phonepe/__sandbox/autopay/setup/${first.body.merchantOrderId}/answer`, { answer: 'approve' });
    await eventually(async () => (await call('GET', '/payments/autopay', user)).body.mandate?.state === 'active');
    await control(`/phonepe/__sandbox/autopay/setup/${second.body.merchantOrderId}/answer`, { answer: 'approve' });
    const mandates = await eventually(async () => {
      await drain();
      const rows = (await pg.query(`select plan_id, state from mandates where workspace_id = $1 order by created_at`, [await workspaceOf(user)])).rows;
      return rows[1]?.state === 'revoked' && rows;
    });
    expect(mandates).toEqual([{ plan_id: 'starter', state: 'active' }, { plan_id: 'growth', state: 'revoked' }]);
    expect((await autopayState()).subscriptions.map((s: { state: string }) => s.state).sort()).toEqual(['ACTIVE', 'CANCELLED']);
    // The growth payment landed on a running starter term: refunded in full by the settlement's plan rule.
    await eventually(async () => (await pg.query(`select 1 from refunds where merchant_order_id = $1`, [second.body.merchantOrderId])).rowCount === 1);
    expect((await subscriptionOf(user)).plan_id).toBe('starter');
  }, 60_000);

  it('refuses Autopay for prices above Rs 15,000 a debit (the e-mandate AFA rule), naming the field', async () => {
    const user = await idp.createUser();
    for (const [planId, period] of [['pro', 'month'], ['starter', 'year']]) {
      const res = await call('POST', '/payments/autopay/setup', user, { planId, period });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'AUTOPAY_NOT_ELIGIBLE', message: expect.stringContaining('planId/period') });
    }
    expect((await call('POST', '/payments/autopay/setup', user, { planId: 'growth', period: 'fortnight' })).status).toBe(400);
    expect(await pg.query(`select 1 from mandates where workspace_id = $1`, [await workspaceOf(user)]).then((r) => r.rowCount)).toBe(0);
  });

  it('a cycle: notified >= 24 h ahead with our own pre-debit mail, executed on the due date, one debit even when the job runs twice', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    const oldEnd = await periodEndsSoon(user);
    // Planning twice makes one debit.
    const [planned] = await cycle().plan(mandate.id);
    await cycle().plan(mandate.id);
    expect(await debitsOf(mandate.id)).toHaveLength(1);
    const notified = await cycle().notify(planned.id);
    expect(notified?.state).toBe('notified');
    const mail = await eventually(async () => (await emailsTo(user.email)).find((m) => /UPI Autopay: .* will be debited/.test(m.subject)));
    expect(mail.text).toContain(`Reference: ${planned.merchant_order_id}`);
    expect(mail.text).toContain('Amount: ₹9,999.00');

    // Before 24 h have passed nothing is debited (the job comes back later).
    expect((await cycle().execute(planned.id))?.state).toBe('notified');
    await timePasses(planned.id);
    const [a, b] = await Promise.all([cycle().execute(planned.id), cycle().execute(planned.id)]);
    expect([a?.state, b?.state]).toContain('completed');
    expect((await cycle().execute(planned.id))?.state).toBe('completed');

    const [debit] = await debitsOf(mandate.id);
    expect(debit).toMatchObject({ state: 'completed', attempt: 1 });
    const payment = (await pg.query(`select * from payment_transactions where merchant_order_id = $1`, [planned.merchant_order_id])).rows[0];
    expect(payment).toMatchObject({ state: 'COMPLETED', amount: 999_900 });
    const sub = await subscriptionOf(user);
    expect(sub.status).toBe('active');
    const expected = new Date(oldEnd);
    expected.setMonth(expected.getMonth() + 1);
    expect(Math.abs(new Date(sub.current_period_end).getTime() - expected.getTime())).toBeLessThan(2 * DAY);
    expect((await pg.query(`select count(*)::int as n from tax_documents where merchant_order_id = $1`, [planned.merchant_order_id])).rows[0].n).toBe(1);
    const redemptions = (await autopayState()).redemptions.filter((r: { merchantOrderId: string }) => r.merchantOrderId === planned.merchant_order_id);
    expect(redemptions).toEqual([expect.objectContaining({ state: 'COMPLETED', paymentDetails: [expect.objectContaining({ paymentMode: 'UPI_AUTO_PAY' })] })]);
    // The next cycle is the new period end.
    expect(new Date((await mandateOf(user)).next_debit_at).getTime()).toBe(new Date(sub.current_period_end).getTime());
  }, 60_000);

  it('a failed debit is retried after 1 and 2 days, then the subscription is past_due and the founder is told to renew', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    await control('/phonepe/__sandbox/autopay/switches', { debitOutcome: 'failure' });
    let debit = await notifiedDebit(user, mandate.id);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await timePasses(debit.id);
      expect((await cycle().execute(debit.id))?.state).toBe('failed');
      const rows = await debitsOf(mandate.id);
      if (attempt === 3) {
        expect(rows).toHaveLength(3);
        break;
      }
      const next = rows.find((r) => r.attempt === attempt + 1);
      const failed = rows.find((r) => r.attempt === attempt);
      gaps.push(Math.round((new Date(next.due_at).getTime() - new Date(failed.updated_at).getTime()) / DAY));
      const notified = await cycle().notify(next.id);
      expect(notified?.state).toBe('notified');
      debit = notified as typeof debit;
    }
    expect(gaps).toEqual([1, 2]);
    expect((await debitsOf(mandate.id)).map((r) => r.state)).toEqual(['failed', 'failed', 'failed']);
    expect((await subscriptionOf(user)).status).toBe('past_due');
    await eventually(async () => (await emailsTo(user.email)).some((m) => /could not renew/.test(m.subject)));
    // Planning again adds no fourth attempt.
    await cycle().plan(mandate.id);
    expect(await debitsOf(mandate.id)).toHaveLength(3);
  }, 90_000);

  it('a pause in the UPI app (webhook, confirmed by status) stops debits; access runs to the period end; one-time checkout is offered', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    const before = await subscriptionOf(user);
    await control(`/phonepe/__sandbox/autopay/subscriptions/${mandate.merchant_subscription_id}/pause`, {});
    await eventually(async () => {
      await drain();
      return (await mandateOf(user)).state === 'paused';
    });
    const view = (await call('GET', '/payments/autopay', user)).body.mandate;
    expect(view).toMatchObject({ state: 'paused', pausedBy: 'customer', nextDebitAt: null, renewUrl: expect.stringContaining('/onboarding/payment?plan=growth&period=month') });
    expect(await subscriptionOf(user)).toEqual(before);
    expect((await call('GET', '/auth/verify-profile', user)).body.subscription.status).toBe('active');
    // The founder cannot resume what the UPI app paused.
    expect((await call('POST', '/payments/autopay/resume', user)).body.code).toBe('MANDATE_STATE');
    await periodEndsSoon(user);
    expect(await cycle().plan(mandate.id)).toEqual([]);
    expect(await debitsOf(mandate.id)).toEqual([]);
    // Unpaused in the app: debits are planned again.
    await control(`/phonepe/__sandbox/autopay/subscriptions/${mandate.merchant_subscription_id}/unpause`, {});
    await eventually(async () => {
      await drain();
      return (await mandateOf(user)).state === 'active';
    });
    expect(await cycle().plan(mandate.id)).toHaveLength(1);
  }, 60_000);

  it('a pause in RaptorFlow skips a notified debit; resume plans again', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    const debit = await notifiedDebit(user, mandate.id);
    expect((await call('POST', '/payments/autopay/pause', user)).body.mandate).toMatchObject({ state: 'paused', pausedBy: 'founder' });
    await timePasses(debit.id);
    expect((await cycle().execute(debit.id))?.state).toBe('skipped');
    expect((await pg.query(`select 1 from payment_transactions where merchant_order_id = $1`, [debit.merchant_order_id])).rowCount).toBe(0);
    expect((await call('POST', '/payments/autopay/resume', user)).body.mandate.state).toBe('active');
  }, 60_000);

  it('a revocation in the UPI app ends the mandate; a cancel in RaptorFlow revokes it at PhonePe', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    await control(`/phonepe/__sandbox/autopay/subscriptions/${mandate.merchant_subscription_id}/revoke`, {});
    await eventually(async () => {
      await drain();
      return (await mandateOf(user)).state === 'revoked';
    });
    expect((await subscriptionOf(user)).status).toBe('active');
    expect((await call('POST', '/payments/autopay/cancel', user)).body.code).toBe('MANDATE_NOT_FOUND');

    const other = await idp.createUser();
    const second = await activeMandate(other, 'starter');
    const cancelled = await call('POST', '/payments/autopay/cancel', other);
    expect(cancelled.body.mandate).toMatchObject({ state: 'revoked' });
    expect((await autopayState()).subscriptions.find((s: { merchantSubscriptionId: string }) => s.merchantSubscriptionId === second.mandate.merchant_subscription_id).state).toBe('CANCELLED');
  }, 60_000);

  it('the sweep finds a due cycle and the worker sends its notice by itself (real BullMQ jobs through the outbox)', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    await periodEndsSoon(user);
    expect(await worker.get(AutopayProcessor).sweep()).toMatch(/debits in flight/);
    expect(await debitsOf(mandate.id)).toHaveLength(1);
    // A second sweep (a lost job re-found, or two workers) makes the same job: still one debit, one notice.
    await worker.get(AutopayProcessor).sweep();
    const notified = await eventually(async () => {
      await drain();
      const [debit] = await debitsOf(mandate.id);
      return debit?.state === 'notified' && debit;
    });
    expect(await debitsOf(mandate.id)).toHaveLength(1);
    expect((await autopayState()).redemptions.filter((r: { merchantOrderId: string }) => r.merchantOrderId === notified.merchant_order_id)).toHaveLength(1);
    const notices = (await emailsTo(user.email)).filter((m) => /will be debited/.test(m.subject));
    expect(notices).toHaveLength(1);
  }, 60_000);

  it('a Redis that comes back empty (it keeps nothing on disk) loses the jobs in flight; the next sweep finds the cycle again: one notice, one debit, one receipt', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    await periodEndsSoon(user);
    await worker.get(AutopayProcessor).sweep();
    const debit = await eventually(async () => {
      await drain();
      const [d] = await debitsOf(mandate.id);
      return d?.state === 'notified' && d;
    });
    // Every job of the autopay queue is gone, as after a restart of a Redis without persistence.
    const lost = new Queue(AUTOPAY_QUEUE, { connection: worker.get(BullConnection).options, prefix: worker.get(AppConfig).bullPrefix });
    await lost.obliterate({ force: true });
    await lost.close();
    // The debit is due, and overdue by more than two sweeps: its job should have run by now.
    await timePasses(debit.id);
    await pg.query(`update mandate_debits set due_at = now() - interval '15 minutes' where id = $1`, [debit.id]);
    await worker.get(AutopayProcessor).sweep();
    const done = await eventually(async () => {
      await drain();
      const [d] = await debitsOf(mandate.id);
      return d?.state === 'completed' && d;
    }, 30_000);
    await worker.get(AutopayProcessor).sweep();
    await drain();
    expect(await debitsOf(mandate.id)).toHaveLength(1);
    expect((await autopayState()).redemptions.filter((r: { merchantOrderId: string }) => r.merchantOrderId === done.merchant_order_id).map((r: { state: string }) => r.state)).toEqual(['COMPLETED']);
    const mails = await eventually(async () => {
      await drain();
      const all = await emailsTo(user.email);
      return all.filter((m) => /receipt/.test(m.subject)).length >= 2 && all;
    });
    expect(mails.filter((m) => /will be debited/.test(m.subject))).toHaveLength(1);
    // The setup's first month and this renewal: one receipt each.
    expect(mails.filter((m) => /receipt/.test(m.subject))).toHaveLength(2);
  }, 60_000);

  it('a late notification from the bank is waited for before the 24 h count starts', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    await control('/phonepe/__sandbox/autopay/switches', { notifyDelayMs: 500 });
    await periodEndsSoon(user);
    const [planned] = await cycle().plan(mandate.id);
    expect((await cycle().notify(planned.id))?.state).toBe('scheduled');
    await control('/phonepe/__sandbox/webhooks?wait=true');
    const notified = await eventually(async () => {
      const d = await cycle().notify(planned.id);
      return d?.state === 'notified' && d;
    });
    expect(notified.notified_at).not.toBeNull();
    // Only one notify call reached PhonePe.
    expect((await autopayState()).redemptions.filter((r: { merchantOrderId: string }) => r.merchantOrderId === planned.merchant_order_id)).toHaveLength(1);
  }, 60_000);

  it('the database holds the rules: owner-only rows and columns, the state machine, the Rs 15,000 cap, the 24 h notice, one success per cycle', async () => {
    const user = await idp.createUser();
    const stranger = await idp.createUser();
    const { mandate } = await activeMandate(user);
    const asUser = async <T>(who: TestUser, sql: string): Promise<T[]> => {
      await pg.query('begin');
      try {
        await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: who.id, role: 'authenticated' })]);
        return (await pg.query(sql)).rows as T[];
      } finally {
        await pg.query('rollback');
      }
    };
    expect(await asUser(user, 'select state, max_amount from mandates')).toEqual([{ state: 'active', max_amount: AUTOPAY_MAX_DEBIT_PAISE }]);
    expect(await asUser(stranger, 'select state from mandates')).toEqual([]);
    await expect(asUser(user, 'select merchant_subscription_id from mandates')).rejects.toThrow(/permission denied/);
    await expect(asUser(user, `update mandates set state = 'paused'`)).rejects.toThrow(/permission denied/);

    await expect(pg.query(`update mandates set state = 'pending' where id = $1`, [mandate.id])).rejects.toThrow(/cannot become pending/);
    await expect(pg.query(`update mandates set max_amount = 1500100, amount = 1500100 where id = $1`, [mandate.id])).rejects.toThrow(/check constraint/);
    const debit = await notifiedDebit(user, mandate.id);
    await expect(pg.query(`update mandate_debits set state = 'executing', executed_at = now() where id = $1`, [debit.id])).rejects.toThrow(/check constraint/);
    await expect(pg.query(`update mandate_debits set state = 'completed' where id = $1`, [debit.id])).rejects.toThrow(/cannot become completed/);
    await pg.query(`update mandate_debits set state = 'failed' where id = $1`, [debit.id]);
    const again = `insert into mandate_debits (mandate_id, cycle_end, attempt, merchant_order_id, amount, due_at, state) select mandate_id, cycle_end, $2, $3, amount, due_at, 'completed' from mandate_debits where id = $1`;
    await pg.query(again, [debit.id, 2, `RFD_db_${Date.now()}_a`]);
    await expect(pg.query(again, [debit.id, 3, `RFD_db_${Date.now()}_b`])).rejects.toThrow(/mandate_debits_one_success/);
  }, 60_000);

  it('a worker that dies between marking a debit executing and redeeming is picked up by the next one, without a second debit', async () => {
    const user = await idp.createUser();
    const { mandate } = await activeMandate(user);
    const debit = await notifiedDebit(user, mandate.id);
    await timePasses(debit.id);
    // PhonePe becomes unreachable right after the debit is marked executing (the token endpoint fails).
    await control('/phonepe/__sandbox/tokens/revoke', {});
    await control('/phonepe/__sandbox/faults', { route: 'token', status: 500, count: 50 });
    await expect(cycle().execute(debit.id)).rejects.toThrow();
    expect((await debitsOf(mandate.id))[0].state).toBe('executing');
    await worker.close();
    await fetch(`${sandboxUrl}/phonepe/__sandbox/faults`, { method: 'DELETE' });
    worker = await startWorker();
    expect((await cycle().execute(debit.id))?.state).toBe('completed');
    expect((await cycle().execute(debit.id))?.state).toBe('completed');
    const redemptions = (await autopayState()).redemptions.filter((r: { merchantOrderId: string; state: string }) => r.merchantOrderId === debit.merchant_order_id);
    expect(redemptions.map((r: { state: string }) => r.state)).toEqual(['COMPLETED']);
    expect((await pg.query(`select count(*)::int as n from payment_transactions where merchant_order_id = $1 and state = 'COMPLETED'`, [debit.merchant_order_id])).rows[0].n).toBe(1);
  }, 60_000);
});
