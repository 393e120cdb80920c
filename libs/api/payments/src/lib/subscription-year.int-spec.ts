// Issue #16's proof: one workspace through a simulated year of billing, against the PhonePe and Resend stand-ins,
// real Postgres and Redis, the API over HTTP and the worker's services. Time moves the way the other billing specs
// move it: the stored period end is brought near (the whole term shifts, its length kept), PhonePe's clock and the
// stored pre-debit notice move 25 hours on; every job step is the worker's own service method.
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { EmailWorkerModule, OutboxRelay } from '@raptorflow/api-email';
import { ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { apiCaller, createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { AUTOPAY_MAX_DEBIT_PAISE, findPlan, prorate } from '@raptorflow/contracts';
import { sandboxControl, standInEnv, startTestSandbox } from '@raptorflow/sandbox/testing';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { MandateCycleService } from './mandates/mandate-cycle.service';
import { PaymentsModule, PaymentsWorkerModule } from './payments.module';
import { PlanChangeSettlement } from './plan-change.settlement';
import { RenewalRemindersService } from './renewal-reminders.service';
import { RenewalRemindersWorkerModule, TrialsModule } from './trials.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STARTER = findPlan('starter')?.prices.month as number;
const GROWTH = findPlan('growth')?.prices.month as number;
const rupees = (paise: number) => `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2 })}`;

describe('a workspace through a simulated year', () => {
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
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, PaymentsWorkerModule, RenewalRemindersWorkerModule, EmailWorkerModule] }, overrides).compile();
    return moduleRef.init();
  };
  const cycle = () => worker.get(MandateCycleService);

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    overrides = {
      SUPABASE_URL: idp.url,
      ...standInEnv(sandboxUrl),
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:year${Date.now()}`,
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule, TrialsModule] }, overrides);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    call = apiCaller(apiUrl);
    control = sandboxControl(sandboxUrl);
    worker = await startWorker();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    await control('/phonepe/__sandbox/reset', {});
    await control('/phonepe/__sandbox/webhook', { url: `${apiUrl}/api/v1/payments/webhook`, mode: 'normal' });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });



  // The second run restarts the worker in the middle of a cycle (after the pre-debit notice, before the debit):
  // still one debit, one notice and one receipt.
  it.each([{ restart: false }, { restart: true }])('trial, Autopay, monthly debits with a failure and its retry, pause and resume, upgrade, downgrade, cancel, resume, cancel, expiry (worker restart: $restart)', async ({ restart }) => {
    const user = await idp.createUser();
    const ws = (await pg.query('select id from workspaces where owner_id = $1', [user.id])).rows[0].id as string;
    const sub = async () => (await pg.query('select status, plan_id, period, current_period_start, current_period_end from subscriptions where workspace_id = $1', [ws])).rows[0];
    /** The status the founder sees (verify-profile applies the time rules: past_due, expired). */
    const seen = async () => (await call('GET', '/auth/verify-profile', user)).body.subscription;
    /** What the founder sees, once the API's read cache has heard of the change (Postgres NOTIFY, not instant). */
    const sees = async (expected: Record<string, unknown>) => {
      const matches = (v: Record<string, unknown> | undefined) => !!v && Object.entries(expected).every(([k, want]) => v[k] === want);
      const last = await eventually(async () => {
        const v = await seen();
        return matches(v) && v;
      }).catch(seen);
      expect(last).toMatchObject(expected);
    };
    const mandate = async () => (await pg.query('select * from mandates where workspace_id = $1 order by created_at desc limit 1', [ws])).rows[0];
    const completed = async (): Promise<{ purpose: string; plan_id: string; amount: number }[]> =>
      (await pg.query(`select purpose, plan_id, amount from payment_transactions where workspace_id = $1 and state = 'COMPLETED' order by completed_at`, [ws])).rows;

    // Every mail, in order of arrival, and exactly once: each step says which new ones it caused.
    let mailsSeen = 0;
    const newMails = async (expected: (string | RegExp)[]) => {
      await worker.get(OutboxRelay).drain();
      // The stand-in lists the newest first.
      const list = async (): Promise<{ subject: string }[]> => (await control(`/resend/__sandbox/emails?to=${encodeURIComponent(user.email)}`)).reverse();
      // Waits for the expected count; on a timeout the assertion below names what did arrive.
      const all = await eventually(async () => {
        const mails = await list();
        return mails.length >= mailsSeen + expected.length && mails;
      }).catch(list);
      const fresh = all.slice(mailsSeen).map((m) => m.subject);
      mailsSeen = all.length;
      const unmatched = [...fresh];
      for (const want of expected) {
        const i = unmatched.findIndex((subject) => (typeof want === 'string' ? subject === want : want.test(subject)));
        if (i >= 0) unmatched.splice(i, 1);
      }
      expect({ fresh, unmatched }).toEqual({ fresh, unmatched: [] });
      expect(fresh).toHaveLength(expected.length);
    };
    /** The worker's reminder sweep (over every workspace in the database: other specs' too), for this one. */
    const remindersSent = async () => (await worker.get(RenewalRemindersService).sweep()).filter((r) => r.workspaceId === ws).map((r) => r.kind);
    const reminders = async () => (await pg.query('select kind from subscription_reminders where workspace_id = $1 order by sent_at', [ws])).rows.map((r) => r.kind);

    /**
     * Time passes for the workspace: its term (and a scheduled change with it) moves back by `delta` (SQL, an
     * interval). A plan change is never rewritten by the app (a trigger refuses); the move bypasses it, as only time does.
     */
    const shift = async (delta: string) => {
      await pg.query('begin');
      try {
        await pg.query(`set local session_replication_role = replica`);
        await pg.query(`update subscription_changes set period_end = period_end - ${delta} where workspace_id = $1 and status = 'pending'`, [ws]);
        // The term's own triggers run (the API's read cache hears of the change).
        await pg.query(`set local session_replication_role = origin`);
        await pg.query(`update subscriptions set current_period_start = current_period_start - ${delta}, current_period_end = current_period_end - ${delta} where workspace_id = $1`, [ws]);
        await pg.query('commit');
      } catch (error) {
        await pg.query('rollback');
        throw error;
      }
      return sub();
    };
    /** The period end comes near: the term moves so that it ends in `ms` (its length kept). */
    const periodEndsIn = (ms: number) => shift(`(select current_period_end - (now() + make_interval(secs => ${ms / 1000})) from subscriptions where workspace_id = $1)`);
    /** A scheduled change's time comes (a minute ago), the term with it. */
    const changeFallsDue = () => shift(`(select period_end - (now() - interval '1 minute') from subscription_changes where workspace_id = $1 and status = 'pending' and kind = 'scheduled')`);
    /**
     * 25 hours pass, for us (the notice is backdated, the debit falls due) and for PhonePe: our stored times are
     * moved, not our clock, so PhonePe's clock is set just past the moment its redemption may run (validAfter)
     * rather than moved on for ever; the next notice resets it (debitAttempt).
     */
    const timePasses = async (debit: { id: string; merchant_order_id: string }) => {
      await pg.query(`update mandate_debits set notified_at = notified_at - interval '25 hours', due_at = now() - interval '1 minute' where id = $1`, [debit.id]);
      const redemption = (await control('/phonepe/__sandbox/autopay')).redemptions.find((r: { merchantOrderId: string }) => r.merchantOrderId === debit.merchant_order_id);
      await control('/phonepe/__sandbox/clock', { offsetMs: Math.max(0, redemption.paymentFlow.validAfter - Date.now() + 60_000) });
    };
    /** One attempt of a cycle: planned, notified (our pre-debit mail; the worker's own job may have sent it), executed on its due date. */
    const debitAttempt = async (mandateId: string, attempt: number, restartWorker = false) => {
      await control('/phonepe/__sandbox/clock', { offsetMs: 0 });
      const live = await cycle().plan(mandateId);
      const planned = live.find((d) => d.attempt === attempt) as { id: string; merchant_order_id: string };
      expect(planned).toBeDefined();
      const notified = await cycle().notify(planned.id);
      expect(notified?.state).toBe('notified');
      if (restartWorker) {
        // The worker stops with the notice's mail and jobs perhaps still in the outbox; a new one takes over.
        await worker.close();
        worker = await startWorker();
      }
      await timePasses(planned);
      const after = await cycle().execute(planned.id);
      return after as { id: string; state: string; amount: number; merchant_order_id: string };
    };
    /** A monthly renewal by Autopay: the period is extended by a month from its end, `amount` charged. */
    const renewal = async (mandateId: string, amount: number, planName: string, restartWorker = false) => {
      // (Not moved again when it is near already: a cycle planned for that end, e.g. on resume, stays the one.)
      const current = await sub();
      const before = new Date(current.current_period_end).getTime() - Date.now() <= 2 * HOUR ? current : await periodEndsIn(HOUR);
      expect(await remindersSent()).toEqual([]);
      const debit = await debitAttempt(mandateId, 1, restartWorker);
      expect(debit).toMatchObject({ state: 'completed', amount });
      const after = await sub();
      const expectedEnd = new Date(before.current_period_end);
      expectedEnd.setMonth(expectedEnd.getMonth() + 1);
      expect(Math.abs(new Date(after.current_period_end).getTime() - expectedEnd.getTime())).toBeLessThan(2 * DAY);
      await newMails([new RegExp(`^UPI Autopay: ${rupees(amount)} will be debited on `), `Your RaptorFlow receipt: ${rupees(amount)} for ${planName}`]);
      return debit;
    };
    // 1. Trial: Growth for 14 days, no payment, one mail.
    const trial = await call('POST', '/payments/trial', user, { planId: 'growth' });
    expect(trial.status).toBe(201);
    await sees({ status: 'trialing', planId: 'growth' });
    await newMails(['Your RaptorFlow Growth trial has started']);
    const trialEnd = new Date((await sub()).current_period_end);

    // 2. Autopay set up during the trial, on Starter: the first month is paid now and starts when the trial ends.
    const setup = await call('POST', '/payments/autopay/setup', user, { planId: 'starter', period: 'month' });
    expect(setup.status).toBe(201);
    expect(setup.body).toMatchObject({ amount: STARTER, maxAmount: AUTOPAY_MAX_DEBIT_PAISE });
    await control(`/phonepe/__sandbox/autopay/setup/${setup.body.merchantOrderId}/answer`, { answer: 'approve' });
    await eventually(async () => (await call('GET', `/payments/status/${setup.body.merchantOrderId}`, user)).body.state === 'COMPLETED');
    const m = await eventually(async () => {
      const row = await mandate();
      return row?.state === 'active' && row;
    });
    await sees({ status: 'active', planId: 'starter' });
    const first = await sub();
    expect(new Date(first.current_period_start).getTime()).toBe(trialEnd.getTime());
    // No welcome: the workspace was already welcomed into its trial.
    await newMails([`Your RaptorFlow receipt: ${rupees(STARTER)} for Starter`]);
    expect(await mandate()).toMatchObject({ plan_id: 'starter', amount: STARTER, max_amount: AUTOPAY_MAX_DEBIT_PAISE });
    // The trial's "ends in 3 days" is not sent: the trial was converted.
    await pg.query(`update subscriptions set current_period_start = current_period_start - interval '12 days', current_period_end = current_period_end - interval '12 days' where workspace_id = $1`, [ws]);
    expect(await remindersSent()).toEqual([]);

    // 3. Months 1 and 2: Autopay renews Starter.
    await renewal(m.id, STARTER, 'Starter');
    await renewal(m.id, STARTER, 'Starter');

    // 4. Month 3: the first debit fails; its retry a day later succeeds.
    await periodEndsIn(HOUR);
    await control('/phonepe/__sandbox/autopay/switches', { debitOutcome: 'failure' });
    const failed = await debitAttempt(m.id, 1);
    expect(failed).toMatchObject({ state: 'failed', amount: STARTER });
    expect((await seen()).status).toBe('active');
    await newMails([/^UPI Autopay: ₹4,999.00 will be debited on /, `Your RaptorFlow payment of ${rupees(STARTER)} did not go through`]);
    await control('/phonepe/__sandbox/autopay/switches', { debitOutcome: 'success' });
    if (restart) {
      // And once between the failed attempt and its retry (the retry's notice job written, perhaps not yet run).
      await worker.close();
      worker = await startWorker();
    }
    const endBeforeRetry = (await sub()).current_period_end;
    const retried = await debitAttempt(m.id, 2);
    expect(retried).toMatchObject({ state: 'completed', amount: STARTER });
    const afterRetry = await sub();
    const retryEnd = new Date(endBeforeRetry);
    retryEnd.setMonth(retryEnd.getMonth() + 1);
    expect(Math.abs(new Date(afterRetry.current_period_end).getTime() - retryEnd.getTime())).toBeLessThan(2 * DAY);
    await newMails([/^UPI Autopay: ₹4,999.00 will be debited on /, `Your RaptorFlow receipt: ${rupees(STARTER)} for Starter`]);

    // 5. Month 4: the founder pauses Autopay in RaptorFlow: the cycle is not debited; resumed, it is.
    expect((await call('POST', '/payments/autopay/pause', user)).body.mandate).toMatchObject({ state: 'paused', pausedBy: 'founder' });
    await periodEndsIn(HOUR);
    expect(await cycle().plan(m.id)).toEqual([]);
    expect((await call('POST', '/payments/autopay/resume', user)).body.mandate).toMatchObject({ state: 'active' });
    await renewal(m.id, STARTER, 'Starter');

    // 6. Mid-month 5: upgrade to Growth, prorated for the days left, paid by one-time checkout; the mandate follows.
    const term = await periodEndsIn(10 * DAY);
    const expected = (at: number) =>
      prorate({
        current: { planId: 'starter', period: 'month', price: STARTER, periodStart: term.current_period_start, periodEnd: term.current_period_end },
        target: { planId: 'growth', period: 'month', price: GROWTH },
        now: new Date(at),
      }).amount;
    const t0 = Date.now();
    const upgrade = await call('POST', '/payments/subscription/change', user, { planId: 'growth', period: 'month' });
    expect(upgrade.status).toBe(201);
    expect(upgrade.body).toMatchObject({ kind: 'upgrade', planId: 'growth' });
    expect(upgrade.body.amount).toBeLessThanOrEqual(expected(t0));
    expect(upgrade.body.amount).toBeGreaterThanOrEqual(expected(Date.now()));
    // About 10 days of the ₹5,000 difference.
    expect(Math.abs(upgrade.body.amount - Math.round(((GROWTH - STARTER) * 10 * DAY) / (new Date(term.current_period_end).getTime() - new Date(term.current_period_start).getTime())))).toBeLessThan(100);
    const upgradeId = upgrade.body.checkout.merchantOrderId;
    await control(`/phonepe/__sandbox/orders/${upgradeId}/complete`, { outcome: 'success' });
    await eventually(async () => (await call('GET', `/payments/status/${upgradeId}`, user)).body.state === 'COMPLETED');
    await sees({ status: 'active', planId: 'growth' });
    expect((await sub()).current_period_end).toEqual(term.current_period_end);
    await newMails([`Your RaptorFlow receipt: ${rupees(upgrade.body.amount)} for Growth`]);
    // Month 6: Autopay debits Growth's price.
    await renewal(m.id, GROWTH, 'Growth', restart);
    expect(await mandate()).toMatchObject({ plan_id: 'growth', amount: GROWTH });

    // 7. Downgrade to Starter at the period end: the renewal before it is debited at Starter's price, the plan
    // switches when the period ends. Months 7 and 8 then renew Starter.
    const downgrade = await call('POST', '/payments/subscription/change', user, { planId: 'starter', period: 'month' });
    expect(downgrade.body).toMatchObject({ kind: 'scheduled', amount: 0, checkout: null });
    await newMails([]);
    await renewal(m.id, STARTER, 'Starter');
    expect((await sub()).plan_id).toBe('growth');
    await changeFallsDue();
    expect(await worker.get(PlanChangeSettlement).applyDue()).toBe(1);
    await sees({ status: 'active', planId: 'starter' });
    await renewal(m.id, STARTER, 'Starter');
    await renewal(m.id, STARTER, 'Starter');

    // 8. Cancel: runs to the period end, and the mandate is revoked at PhonePe.
    const cancelled = await call('POST', '/payments/subscription/cancel', user);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    await sees({ status: 'cancelled' });
    const revoked = await eventually(async () => {
      const row = await mandate();
      return row.state === 'revoked' && row;
    });
    expect(revoked.id).toBe(m.id);
    const atPhonePe = (await control('/phonepe/__sandbox/autopay')).subscriptions.find((s: { merchantSubscriptionId: string }) => s.merchantSubscriptionId === m.merchant_subscription_id);
    expect(atPhonePe.state).toBe('CANCELLED');
    await newMails([]);

    // 9. Resume before the end: active again, but without a mandate the founder renews by checkout: reminders.
    expect((await call('POST', '/payments/subscription/resume', user)).body).toMatchObject({ status: 'active' });
    await sees({ status: 'active', planId: 'starter' });
    await periodEndsIn(6 * DAY);
    expect(await cycle().plan(m.id)).toEqual([]);
    expect(await remindersSent()).toEqual(['renewal_7']);
    await newMails([/^Your RaptorFlow Starter plan ends .*: renew now$/]);

    // 10. Cancel again; the period ends: expired, nothing more charged or sent.
    expect((await call('POST', '/payments/subscription/cancel', user)).body).toMatchObject({ status: 'cancelled' });
    await sees({ status: 'cancelled' });
    await periodEndsIn(-HOUR);
    await sees({ status: 'expired' });
    expect(await remindersSent()).toEqual([]);
    expect(await cycle().plan(m.id)).toEqual([]);
    await newMails([]);
    expect(await reminders()).toEqual(['renewal_7']);

    // Every paise charged: the setup, 8 Autopay renewals (one after a failed attempt), the prorated upgrade.
    const paid = await completed();
    expect(paid.map((p) => [p.purpose, p.plan_id, p.amount])).toEqual([
      ['subscription', 'starter', STARTER],
      ...[1, 2, 3, 4].map(() => ['subscription', 'starter', STARTER]),
      ['upgrade', 'growth', upgrade.body.amount],
      ['subscription', 'growth', GROWTH],
      ...[1, 2, 3].map(() => ['subscription', 'starter', STARTER]),
    ]);
    expect(paid.reduce((sum, p) => sum + p.amount, 0)).toBe(8 * STARTER + GROWTH + upgrade.body.amount);
    expect((await pg.query(`select count(*)::int as n from refunds r join payment_transactions p using (merchant_order_id) where p.workspace_id = $1`, [ws])).rows[0].n).toBe(0);
    const debits = (await pg.query(`select d.state, d.amount from mandate_debits d where d.mandate_id = $1 order by d.created_at`, [m.id])).rows;
    expect(debits.map((d) => d.state)).toEqual(['completed', 'completed', 'failed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed']);
  }, 180_000);
});
