// Trials and renewal reminders against real Postgres and Redis, with the Resend and PhonePe stand-ins.
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { EmailWorkerModule, OutboxRelay } from '@raptorflow/api-email';
import { ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { apiCaller, createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { sandboxControl, standInEnv, startTestSandbox } from '@raptorflow/sandbox/testing';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { PaymentsModule, PaymentsWorkerModule } from './payments.module';
import { BILLING_REMINDERS_QUEUE, RenewalReminderJobs } from './renewal-reminders.jobs';
import { RenewalRemindersService, SentReminder } from './renewal-reminders.service';
import { RenewalRemindersWorkerModule, TrialsModule } from './trials.module';

const DAY = 86_400_000;

describe('trials and renewal reminders', () => {
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let sandboxUrl: string;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let call: ReturnType<typeof apiCaller>;
  let control: ReturnType<typeof sandboxControl>;
  let worker: INestApplicationContext;
  let relay: OutboxRelay;
  let reminders: RenewalRemindersService;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    const overrides = {
      SUPABASE_URL: idp.url,
      ...standInEnv(sandboxUrl),
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:trials${Date.now()}`,
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule, TrialsModule] }, overrides);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    call = apiCaller(apiUrl);
    control = sandboxControl(sandboxUrl);
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, PaymentsWorkerModule, RenewalRemindersWorkerModule, EmailWorkerModule] }, overrides).compile();
    worker = await moduleRef.init();
    relay = worker.get(OutboxRelay);
    reminders = worker.get(RenewalRemindersService);
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

  const emailsTo = (email: string): Promise<{ subject: string; text: string }[]> => control(`/resend/__sandbox/emails?to=${encodeURIComponent(email)}`);
  const workspaceOf = async (user: TestUser): Promise<string> => (await pg.query('select id from workspaces where owner_id = $1', [user.id])).rows[0].id;
  const subscriptionOf = async (workspaceId: string) => (await pg.query('select * from subscriptions where workspace_id = $1', [workspaceId])).rows[0];
  const remindersOf = async (workspaceId: string) =>
    (await pg.query('select kind from subscription_reminders where workspace_id = $1 order by sent_at, kind', [workspaceId])).rows.map((r) => r.kind);
  /** Delivers the outbox and waits until the stand-in has `count` mails matching `subject` for `email`. */
  const mailsMatching = async (email: string, subject: RegExp, count: number) => {
    await relay.drain();
    return eventually(async () => {
      const found = (await emailsTo(email)).filter((m) => subject.test(m.subject));
      return found.length >= count && found;
    });
  };
  const outboxCount = async (prefix: string) => Number((await pg.query(`select count(*) from outbox where job_id like $1`, [`${prefix}%`])).rows[0].count);

  it('starts a 14-day Growth trial once, without payment, and verify-profile lets the founder in', async () => {
    const user = await idp.createUser();
    expect((await call('GET', '/payments/trial', user)).body).toEqual({ available: true, reason: null });
    const started = await call('POST', '/payments/trial', user, { planId: 'growth' });
    expect(started.status).toBe(201);
    expect((await call('GET', '/payments/trial', user)).body).toEqual({ available: false, reason: 'used' });
    expect(started.body).toMatchObject({ status: 'trialing', planId: 'growth' });
    const endsIn = new Date(started.body.trialEndsAt).getTime() - Date.now();
    expect(Math.round(endsIn / DAY)).toBe(14);

    const profile = (await call('GET', '/auth/verify-profile', user)).body;
    expect(profile.subscription).toMatchObject({ status: 'trialing', planId: 'growth', trialEndsAt: started.body.trialEndsAt, readOnly: false });
    expect(profile.next).toBe('onboarding');
    expect((await pg.query('select trial_used from workspaces where owner_id = $1', [user.id])).rows[0].trial_used).toBe(true);
    expect(await pg.query('select count(*)::int as n from payment_transactions where user_id = $1', [user.id]).then((r) => r.rows[0].n)).toBe(0);

    const again = await call('POST', '/payments/trial', user, { planId: 'growth' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'TRIAL_ALREADY_USED', message: expect.stringMatching(/already used its free trial/) });
    const audit = await pg.query(`select action, after from audit_log where actor_id = $1 and action = 'subscription.trial_start'`, [user.id]);
    expect(audit.rows).toHaveLength(1);

    const [mail] = await mailsMatching(user.email, /trial has started/, 1);
    expect(mail.subject).toBe('Your RaptorFlow Growth trial has started');
    expect(await outboxCount(`email-trial-started_${await workspaceOf(user)}`)).toBe(1);
  });

  it('refuses concurrent trials but one, a trial over a subscription, plans without trial days and non-owners, writing nothing', async () => {
    const racer = await idp.createUser();
    const results = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/payments/trial', racer, { planId: 'growth' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);

    const payer = await idp.createUser();
    const payerWorkspace = await workspaceOf(payer);
    await setSubscription(pg, payerWorkspace, 'active', 20, 'starter');
    expect((await call('GET', '/payments/trial', payer)).body).toEqual({ available: false, reason: 'subscribed' });
    const over = await call('POST', '/payments/trial', payer, { planId: 'growth' });
    expect(over).toMatchObject({ status: 409, body: { code: 'TRIAL_UNAVAILABLE' } });
    expect((await pg.query('select count(*)::int as n from workspace_trials where workspace_id = $1', [payerWorkspace])).rows[0].n).toBe(0);
    expect((await subscriptionOf(payerWorkspace)).status).toBe('active');

    const fresh = await idp.createUser();
    const starter = await call('POST', '/payments/trial', fresh, { planId: 'starter' });
    expect(starter).toMatchObject({ status: 400, body: { code: 'TRIAL_NOT_OFFERED', message: expect.stringMatching(/^planId:/) } });
    const bogus = await call('POST', '/payments/trial', fresh, { planId: 'gold' });
    expect(bogus.status).toBe(400);
    expect(JSON.stringify(bogus.body)).toContain('planId');
    expect(await subscriptionOf(await workspaceOf(fresh))).toBeUndefined();

    // Only the owner starts a trial (a lapsed team plan gives the admin a seat).
    const owner = await idp.createUser();
    const admin = await idp.createUser();
    const teamWorkspace = await workspaceOf(owner);
    await setSubscription(pg, teamWorkspace, 'expired', -10, 'growth');
    await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [teamWorkspace, admin.id]);
    await pg.query('update users set current_workspace_id = $1 where id = $2', [teamWorkspace, admin.id]);
    const byAdmin = await call('POST', '/payments/trial', admin, { planId: 'growth' });
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'OWNER_REQUIRED']);
    expect((await pg.query('select count(*)::int as n from workspace_trials where workspace_id = $1', [teamWorkspace])).rows[0].n).toBe(0);
  });

  it('keeps one trial per workspace in the database itself', async () => {
    const user = await idp.createUser();
    expect((await call('POST', '/payments/trial', user, { planId: 'growth' })).status).toBe(201);
    const workspaceId = await workspaceOf(user);
    await expect(pg.query(`insert into workspace_trials (workspace_id, plan_id, ends_at) values ($1, 'growth', now() + interval '14 days')`, [workspaceId])).rejects.toThrow(/duplicate key/);
    await expect(pg.query('update workspaces set trial_used = false where id = $1', [workspaceId])).rejects.toThrow(/cannot be reset/);
    // The service role the API uses may add a trial, never change or remove one.
    await pg.query('begin');
    try {
      await pg.query(`set local role service_role`);
      await expect(pg.query('delete from workspace_trials where workspace_id = $1', [workspaceId])).rejects.toThrow(/permission denied/);
    } finally {
      await pg.query('rollback');
    }
  });

  it('sends the trial-ends-in-3-days mail once, however often the sweep runs, then the trial runs into grace and expiry', async () => {
    const user = await idp.createUser();
    const started = await call('POST', '/payments/trial', user, { planId: 'growth' });
    const workspaceId = await workspaceOf(user);
    const endsAt = new Date(started.body.trialEndsAt).getTime();
    const mine = (sent: SentReminder[]) => sent.filter((r) => r.workspaceId === workspaceId).map((r) => r.kind);

    expect(mine(await reminders.sweep(new Date(endsAt - 5 * DAY)))).toEqual([]);
    const at = new Date(endsAt - 2.5 * DAY);
    const [first, second] = await Promise.all([reminders.sweep(at), reminders.sweep(at)]);
    expect(mine([...first, ...second])).toEqual(['trial_ending']);
    await reminders.sweep(new Date(endsAt - 1 * DAY));
    // A duplicate schedule through the queue: the worker's processor runs the same sweep again.
    const queue = worker.get<Queue>(getQueueToken(BILLING_REMINDERS_QUEUE));
    const jobId = await worker.get(RenewalReminderJobs).sweepNow(new Date(endsAt - 2 * DAY));
    await eventually(async () => (await queue.getJob(jobId))?.finishedOn);
    expect(await remindersOf(workspaceId)).toEqual(['trial_ending']);

    const [ending] = await mailsMatching(user.email, /trial ends in 3 days/, 1);
    expect(ending.text).toContain('/app/dashboard');
    await mailsMatching(user.email, /trial has started/, 1);
    expect(await outboxCount(`email-reminder_trial_ending_${workspaceId}`)).toBe(1);
    expect((await emailsTo(user.email)).map((m) => m.subject).sort()).toEqual(['Your RaptorFlow Growth trial has started', 'Your RaptorFlow trial ends in 3 days']);

    // The trial ends: grace (read-only), then back to payment.
    await pg.query(`update subscriptions set current_period_start = now() - interval '15 days', current_period_end = now() - interval '1 day', trial_ends_at = now() - interval '1 day' where workspace_id = $1`, [workspaceId]);
    let profile = (await call('GET', '/auth/verify-profile', user)).body;
    expect(profile.subscription).toMatchObject({ status: 'past_due', readOnly: true });
    await pg.query(`update subscriptions set current_period_end = now() - interval '4 days', trial_ends_at = now() - interval '4 days' where workspace_id = $1`, [workspaceId]);
    profile = (await call('GET', '/auth/verify-profile', user)).body;
    expect(profile.subscription.status).toBe('expired');
    expect(profile.next).toBe('payment');
  });

  it('sends renewal reminders 7, 3 and 1 days before the period ends, once each, and a renewal starts the next period at the old end', async () => {
    const user = await idp.createUser();
    const workspaceId = await workspaceOf(user);
    await setSubscription(pg, workspaceId, 'active', 30, 'growth');
    const end = new Date((await subscriptionOf(workspaceId)).current_period_end).getTime();
    const mine = (sent: SentReminder[]) => sent.filter((r) => r.workspaceId === workspaceId).map((r) => r.kind);

    const kinds: string[] = [];
    for (const daysLeft of [10, 7, 6.9, 5, 3, 2.5, 2, 0.9, 0.5, 0.2]) {
      kinds.push(...mine(await reminders.sweep(new Date(end - daysLeft * DAY))));
      kinds.push(...mine(await reminders.sweep(new Date(end - daysLeft * DAY))));
    }
    expect(kinds).toEqual(['renewal_7', 'renewal_3', 'renewal_1']);
    expect(await remindersOf(workspaceId)).toEqual(['renewal_7', 'renewal_3', 'renewal_1']);
    const mails = await mailsMatching(user.email, /plan ends/, 3);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Your RaptorFlow Growth plan ends in 3 days: renew now',
      'Your RaptorFlow Growth plan ends in 7 days: renew now',
      'Your RaptorFlow Growth plan ends tomorrow: renew now',
    ]);
    expect(mails[0].text).toContain('₹9,999.00');

    // One-click renewal: the same plan and period is a payment (not PLAN_CHANGE_REQUIRED) and extends from the end.
    const started = await call('POST', '/payments/initiate', user, { planId: 'growth', period: 'month' });
    expect(started.status).toBe(201);
    await control(`/phonepe/__sandbox/orders/${started.body.merchantOrderId}/complete`, { outcome: 'success' });
    await eventually(async () => (await call('GET', `/payments/status/${started.body.merchantOrderId}`, user)).body.state === 'COMPLETED');
    const renewed = await subscriptionOf(workspaceId);
    expect(renewed.status).toBe('active');
    expect(new Date(renewed.current_period_start).getTime()).toBe(end);
    const expectedEnd = new Date(end);
    expectedEnd.setUTCMonth(expectedEnd.getUTCMonth() + 1);
    expect(Math.abs(new Date(renewed.current_period_end).getTime() - expectedEnd.getTime())).toBeLessThan(DAY);

    // The new period gets its own reminders.
    const next = new Date(renewed.current_period_end).getTime();
    expect(mine(await reminders.sweep(new Date(next - 6 * DAY)))).toEqual(['renewal_7']);
    expect((await remindersOf(workspaceId)).filter((k) => k === 'renewal_7')).toHaveLength(2);
  });

  it('does not remind a cancelled term (it will not renew)', async () => {
    const user = await idp.createUser();
    const workspaceId = await workspaceOf(user);
    await setSubscription(pg, workspaceId, 'cancelled', 2, 'growth');
    await reminders.sweep(new Date());
    expect(await remindersOf(workspaceId)).toEqual([]);
  });
});
