// The operator console's queue view on a real app, database and Redis: counts, failed and stalled jobs, an audited retry.
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, operatorCommand } from '@raptorflow/api-auth';
import { enrollVerifiedFactor, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { HttpPlatformModule, QueueModule } from '@raptorflow/api-platform';
import { createTestApp, eventually } from '@raptorflow/api-platform/testing';
import type { OpsQueues, OpsQueueView } from '@raptorflow/contracts';
import { Job, Queue, Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { startTestSandbox } from '@raptorflow/sandbox/testing';
import { OpsModule } from './ops.module';

// A queue no processor of this app consumes, so the test's own workers decide what happens to its jobs.
const QUEUE = 'onboarding-cleanup';

describe('operator queue view', () => {
  const redisPrefix = `${process.env['REDIS_PREFIX']}:opsq${Date.now()}`;
  const connection = { url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', maxRetriesPerRequest: null };
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let pg: Client;
  let ops: TestUser;
  let queue: Queue;
  const workers: Worker[] = [];

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    const started = await startTestSandbox();
    sandbox = started.sandbox;
    api = await createTestApp(
      { imports: [HttpPlatformModule, QueueModule, AuthModule, OpsModule] },
      {
        SUPABASE_URL: idp.url,
        PHONEPE_OAUTH_BASE_URL: `${started.url}/phonepe`,
        PHONEPE_PG_BASE_URL: `${started.url}/phonepe`,
        RESEND_BASE_URL: `${started.url}/resend`,
        RATE_LIMIT_PER_MINUTE: '100000',
        REDIS_PREFIX: redisPrefix,
      },
    );
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    ops = await idp.createUser();
    await operatorCommand(pg, 'grant', ops.email, 'ops.queues.int-spec');
    // Operators always need a second factor: enrolled, and the session passed it (aal2).
    await enrollVerifiedFactor(ops.id);
    ops = { ...ops, token: await idp.sign(ops.id, ops.email, { aal: 'aal2' }) };
    queue = new Queue(QUEUE, { connection, prefix: `${redisPrefix}:bull` });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });

  const call = async (method: string, path: string, user?: TestUser, body?: unknown) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  const viewOf = (overview: OpsQueues): OpsQueueView => overview.queues.find((q) => q.name === QUEUE) as OpsQueueView;

  it('lists every queue with its counts and the outbox backlog, to operators only', async () => {
    const res = await call('GET', '/ops/queues', ops);
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q: OpsQueueView) => q.name)).toEqual(['bcm-rebuild', 'email', 'payment-reconcile', 'onboarding-cleanup', 'system']);
    expect(viewOf(res.body)).toMatchObject({ paused: false, depth: 0, counts: { waiting: 0, active: 0, delayed: 0, failed: 0 }, failed: [], stalled: [] });
    expect(res.body.outbox).toMatchObject({ undelivered: expect.any(Number), withErrors: expect.any(Number) });

    await pg.query(`insert into outbox (queue, job_name, job_id, data, last_error) values ('email', 'send', $1, '{}', 'Resend said 500')`, [`email-opsq-${Date.now()}`]);
    const after = await call('GET', '/ops/queues', ops);
    expect(after.body.outbox.undelivered).toBe(res.body.outbox.undelivered + 1);
    expect(after.body.outbox.withErrors).toBe(res.body.outbox.withErrors + 1);
    expect(after.body.outbox.oldestUndeliveredAt).toEqual(expect.any(String));

    const founder = await idp.createUser();
    expect([(await call('GET', '/ops/queues', founder)).status, (await call('GET', '/ops/queues')).status]).toEqual([403, 401]);
    const refused = await call('POST', `/ops/queues/${QUEUE}/jobs/1/retry`, founder, { reason: 'let me in' });
    expect([refused.status, refused.body.code]).toEqual([403, 'OPERATOR_REQUIRED']);
  });

  it('shows a failed job with its reason and retries it with an audited reason; the retried job runs again', async () => {
    await queue.add('cleanup', {}, { jobId: 'opsq-fails-once', attempts: 1 });
    await queue.add('later', {}, { delay: 60_000 });
    let failNext = true;
    const worker = new Worker(QUEUE, async (job: Job) => {
      if (job.name === 'cleanup' && failNext) throw new Error('draft store unreachable');
      return 'ok';
    }, { connection, prefix: `${redisPrefix}:bull` });
    workers.push(worker);

    const failed = await eventually(async () => {
      const view = viewOf((await call('GET', '/ops/queues', ops)).body);
      return view.counts.failed === 1 && view;
    });
    expect(failed.failed).toEqual([{ id: 'opsq-fails-once', name: 'cleanup', attemptsMade: 1, failedReason: 'draft store unreachable', createdAt: expect.any(String), finishedAt: expect.any(String) }]);
    expect(failed.counts.delayed).toBe(1);
    expect(failed.depth).toBe(1);

    // Bad input names the field; a job that is not failed is refused; nothing is audited for either.
    const cases: [string, unknown, number, RegExp][] = [
      [`/ops/queues/${QUEUE}/jobs/opsq-fails-once/retry`, {}, 400, /^reason/],
      ['/ops/queues/nope/jobs/opsq-fails-once/retry', { reason: 'because' }, 400, /^queue/],
      [`/ops/queues/${QUEUE}/jobs/no-such-job/retry`, { reason: 'because' }, 404, /^jobId/],
    ];
    for (const [path, body, status, field] of cases) {
      const res = await call('POST', path, ops, body);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body.message).toMatch(field);
    }

    failNext = false;
    const retried = await call('POST', `/ops/queues/${QUEUE}/jobs/opsq-fails-once/retry`, ops, { reason: 'the draft store is back' });
    expect(retried.status).toBe(200);
    await eventually(async () => (await queue.getJob('opsq-fails-once'))?.returnvalue === 'ok');
    expect(viewOf((await call('GET', '/ops/queues', ops)).body)).toMatchObject({ counts: { failed: 0 }, failed: [] });

    const again = await call('POST', `/ops/queues/${QUEUE}/jobs/opsq-fails-once/retry`, ops, { reason: 'once more' });
    expect([again.status, again.body.code]).toEqual([409, 'JOB_NOT_FAILED']);
    const audit = await pg.query('select action, target, reason, actor_id, before, after from audit_log where target = $1', [`${QUEUE}/opsq-fails-once`]);
    expect(audit.rows).toEqual([
      { action: 'queue.retry', target: `${QUEUE}/opsq-fails-once`, reason: 'the draft store is back', actor_id: ops.id, before: { state: 'failed', attemptsMade: 1, failedReason: 'draft store unreachable' }, after: { state: 'waiting' } },
    ]);
    await worker.close();
  });

  it('shows an active job whose worker died (its lock expired) as stalled', async () => {
    const stuck = new Worker(QUEUE, () => new Promise(() => undefined), { connection, prefix: `${redisPrefix}:bull`, lockDuration: 1000, stalledInterval: 600_000 });
    workers.push(stuck);
    await queue.add('hangs', {}, { jobId: 'opsq-hangs' });
    await eventually(async () => (await queue.getJob('opsq-hangs'))?.processedOn);
    // While the worker lives it renews the lock: active, not stalled.
    expect(viewOf((await call('GET', '/ops/queues', ops)).body)).toMatchObject({ counts: { active: 1 }, stalled: [] });
    // A forced close stops the renewals without finishing the job, as a crashed process would.
    await stuck.close(true);
    const view = await eventually(async () => {
      const v = viewOf((await call('GET', '/ops/queues', ops)).body);
      return v.stalled.length === 1 && v;
    });
    expect(view.stalled[0]).toMatchObject({ id: 'opsq-hangs', name: 'hangs' });
    expect(view.counts.active).toBe(1);
  });
});
