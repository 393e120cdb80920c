import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription as subscribe, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { BCM_REBUILD_QUEUE, bcmRebuildJobId } from '@raptorflow/api-bcm';
import { AppConfig, ConfigModule, HttpPlatformModule, QueueModule, RedisService, StorageModule } from '@raptorflow/api-platform';
import { createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import {
  normalizeAnswers,
  OnboardingField,
  ONBOARDING_STEPS,
  OnboardingStep,
  SAMPLE_BUSINESS_CONTEXT,
  STEP_IDS,
  StepId,
} from '@raptorflow/contracts';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { ONBOARDING_CLEANUP_JOB, ONBOARDING_CLEANUP_PATTERN, ONBOARDING_CLEANUP_QUEUE } from './onboarding.jobs';
import { OnboardingModule, OnboardingWorkerModule } from './onboarding.module';
import { OnboardingCleanupProcessor } from './onboarding.processor';
import { OnboardingService } from './onboarding.service';

const ENV = { RATE_LIMIT_PER_MINUTE: '100000' };
const imports = [HttpPlatformModule, QueueModule, AuthModule, OnboardingModule];

type Method = 'GET' | 'PUT' | 'POST';

describe('onboarding API', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;
  let redis: RedisService;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports }, { ...ENV, SUPABASE_URL: idp.url });
    redis = app.get(RedisService);
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  const callOn = (target: NestFastifyApplication, method: Method, url: string, token: string, payload?: object) =>
    target.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });
  const call = (method: Method, url: string, token: string, payload?: object) => callOn(app, method, url, token, payload);
  const save = (token: string, stepId: string, answers: unknown, complete?: boolean, target = app) =>
    callOn(target, 'PUT', `/onboarding/steps/${stepId}`, token, { answers, ...(complete !== undefined && { complete }) } as object);

  const setSubscription = (workspaceId: string, status: string, endsInDays: number) => subscribe(pg, workspaceId, status, endsInDays);

  /** A signed-up user whose personal workspace has an active subscription. */
  const founder = async (subscribed = true): Promise<TestUser & { workspaceId: string }> => {
    const user = await idp.createUser();
    const { rows } = await pg.query('select id from workspaces where owner_id = $1', [user.id]);
    if (subscribed) await setSubscription(rows[0].id, 'active', 30);
    return { ...user, workspaceId: rows[0].id };
  };

  const saveSample = async (token: string, steps: readonly StepId[] = STEP_IDS, target = app) => {
    for (const stepId of steps) {
      const res = await save(token, stepId, SAMPLE_BUSINESS_CONTEXT[stepId] ?? {}, true, target);
      expect([stepId, res.statusCode]).toEqual([stepId, 200]);
    }
  };

  const draftKey = (workspaceId: string) => redis.key('onboarding', 'draft', workspaceId);
  const contexts = async (workspaceId: string) =>
    (await pg.query('select version, data, schema_version from business_contexts where workspace_id = $1 order by version', [workspaceId])).rows;
  const workspaceStatus = async (workspaceId: string) =>
    (await pg.query('select onboarding_status from workspaces where id = $1', [workspaceId])).rows[0].onboarding_status;

  describe('access', () => {
    it('refuses a workspace without a subscription that grants access (PAYMENT_REQUIRED)', async () => {
      const user = await founder(false);
      for (const res of [
        await call('GET', '/onboarding', user.token),
        await save(user.token, 'company', SAMPLE_BUSINESS_CONTEXT.company),
        await call('POST', '/onboarding/finalize', user.token),
      ]) {
        expect(res.statusCode).toBe(402);
        expect(res.json().code).toBe('PAYMENT_REQUIRED');
      }
      await setSubscription(user.workspaceId, 'expired', -10);
      expect((await call('GET', '/onboarding', user.token)).json().code).toBe('PAYMENT_REQUIRED');
      expect(await workspaceStatus(user.workspaceId)).toBe('not_started');
    });

    it('stops an admin from answering moments after they are made a member or the plan lapses', async () => {
      const owner = await founder();
      const admin = await idp.createUser();
      await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [owner.workspaceId, admin.id]);
      await pg.query('update users set current_workspace_id = $1 where id = $2', [owner.workspaceId, admin.id]);
      expect((await save(admin.token, 'company', SAMPLE_BUSINESS_CONTEXT.company)).statusCode).toBe(200);
      expect((await save(admin.token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage)).statusCode).toBe(200);
      await pg.query(`update workspace_members set role = 'member' where workspace_id = $1 and user_id = $2`, [owner.workspaceId, admin.id]);
      const refusedWithin = async (token: string, code: string) => {
        const res = await eventually(async () => {
          const attempt = await save(token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage);
          return attempt.statusCode !== 200 && attempt;
        }, 2000, 0);
        expect(res.json().code).toBe(code);
      };
      await refusedWithin(admin.token, 'ROLE_REQUIRED');
      expect((await save(owner.token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage)).statusCode).toBe(200);
      await setSubscription(owner.workspaceId, 'expired', -10);
      await refusedWithin(owner.token, 'PAYMENT_REQUIRED');
    });

    it('never saves on a remembered grant: a removed admin is refused even when no change notification arrives', async () => {
      const owner = await founder();
      const admin = await idp.createUser();
      await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [owner.workspaceId, admin.id]);
      await pg.query('update users set current_workspace_id = $1 where id = $2', [owner.workspaceId, admin.id]);
      expect((await save(admin.token, 'company', SAMPLE_BUSINESS_CONTEXT.company)).statusCode).toBe(200);
      expect((await save(admin.token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage)).statusCode).toBe(200);
      // Without triggers (so without notifications) the API's cached grant stays as it was.
      await pg.query(`set session_replication_role = replica`);
      try {
        await pg.query(`delete from workspace_members where workspace_id = $1 and user_id = $2`, [owner.workspaceId, admin.id]);
      } finally {
        await pg.query(`set session_replication_role = origin`);
      }
      const revision = async () => (await pg.query(`select revision from onboarding_drafts where workspace_id = $1`, [owner.workspaceId])).rows[0].revision;
      const before = await revision();
      const res = await save(admin.token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(await revision()).toBe(before);
    });

    it('lets a member read but not answer or finalize', async () => {
      const owner = await founder();
      const member = await idp.createUser();
      await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [owner.workspaceId, member.id]);
      await pg.query('update users set current_workspace_id = $1 where id = $2', [owner.workspaceId, member.id]);
      await saveSample(owner.token, ['company']);
      const read = await call('GET', '/onboarding', member.token);
      expect(read.statusCode).toBe(200);
      expect(read.json().answers.company.companyName).toBe(SAMPLE_BUSINESS_CONTEXT.company.companyName);
      for (const res of [await save(member.token, 'stage', SAMPLE_BUSINESS_CONTEXT.stage), await call('POST', '/onboarding/finalize', member.token)]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('ROLE_REQUIRED');
      }
    });
  });

  describe('saving a step', () => {
    let user: TestUser & { workspaceId: string };
    beforeAll(async () => {
      user = await founder();
    });

    it('names an unknown step (404) and rejects a malformed body', async () => {
      const unknown = await save(user.token, 'favourite_colour', {});
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'STEP_NOT_FOUND', message: expect.stringContaining('favourite_colour') });
      const noAnswers = await call('PUT', '/onboarding/steps/company', user.token, { complete: true });
      expect(noAnswers.statusCode).toBe(400);
      expect(noAnswers.json().message).toMatch(/answers/);
    });

    it('keeps partial answers as a draft and completes a step only when it validates fully', async () => {
      const draft = await save(user.token, 'company', { companyName: 'Acme' }, false);
      expect(draft.statusCode).toBe(200);
      expect(draft.json()).toMatchObject({ stepId: 'company', completed: false, state: { completedSteps: [], currentStep: 'company', status: 'in_progress' } });
      expect(await workspaceStatus(user.workspaceId)).toBe('in_progress');
      const incomplete = await save(user.token, 'company', { companyName: 'Acme' }, true);
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.json().details.errors).toEqual([expect.objectContaining({ path: 'company.industry', field: 'industry' })]);
      const done = await save(user.token, 'company', { companyName: 'Acme', industry: 'saas' });
      expect(done.json()).toMatchObject({ completed: true, state: { completedSteps: ['company'], currentStep: 'stage' } });
    });

    // One table over the whole catalog: the sample passes; a missing required field, a too-long text and a wrong type are named.
    const sampleOf = (step: OnboardingStep) => (SAMPLE_BUSINESS_CONTEXT[step.id] ?? {}) as Record<string, unknown>;
    const wrongValue = (field: OnboardingField): unknown =>
      ({ text: 123, textarea: 123, url: 123, number: 'many', integer: 'many', select: 42, multiselect: 'one', list: 'one', 'group-list': 'one', boolean: 'yes', date: 5 })[
        field.type
      ];
    const tooLong = (step: OnboardingStep): [string, unknown] | null => {
      const field = step.fields.find((f) => f.maxLength !== undefined && ['text', 'textarea', 'list'].includes(f.type));
      if (!field?.maxLength) return null;
      const text = 'x'.repeat(field.maxLength + 1);
      return [field.key, field.type === 'list' ? [text] : text];
    };
    const cases: [string, StepId, () => unknown, number, string | null][] = ONBOARDING_STEPS.flatMap((step) => {
      const sample = sampleOf(step);
      const required = step.fields.find((f) => f.required);
      const long = tooLong(step);
      const typed = step.fields[0];
      return [
        [`${step.id}: valid answers pass`, step.id, () => sample, 200, null],
        ...(required
          ? [[`${step.id}: missing ${required.key} is named`, step.id, () => ({ ...sample, [required.key]: undefined }), 400, `${step.id}.${required.key}`]]
          : []),
        ...(long ? [[`${step.id}: too long ${long[0]} is named`, step.id, () => ({ ...sample, [long[0]]: long[1] }), 400, `${step.id}.${long[0]}`]] : []),
        [`${step.id}: wrong type of ${typed.key} is named`, step.id, () => ({ ...sample, [typed.key]: wrongValue(typed) }), 400, `${step.id}.${typed.key}`],
      ] as [string, StepId, () => unknown, number, string | null][];
    });

    it.each(cases)('%s', async (_, stepId, answers, status, path) => {
      const res = await save(user.token, stepId, answers());
      expect(res.statusCode).toBe(status);
      if (path) {
        expect(res.json().code).toBe('VALIDATION_FAILED');
        const paths: string[] = res.json().details.errors.map((e: { path: string }) => e.path);
        expect(paths.some((p) => p === path || p.startsWith(`${path}[`))).toBe(true);
      } else {
        expect(res.json().completed).toBe(true);
      }
    });
  });

  describe('resume and degradation', () => {
    it('returns saved answers and resumes at step 6 after five steps', async () => {
      const user = await founder();
      await saveSample(user.token, STEP_IDS.slice(0, 5));
      const res = await call('GET', '/onboarding', user.token);
      expect(res.statusCode).toBe(200);
      const state = res.json();
      expect(state.completedSteps).toEqual(STEP_IDS.slice(0, 5));
      expect(state.currentStep).toBe('icp_primary');
      expect(state.progress).toBeCloseTo(5 / 23, 6);
      expect(state.status).toBe('in_progress');
      expect(state.steps).toHaveLength(23);
      expect(state.answers.outcomes).toEqual(normalizeAnswers(SAMPLE_BUSINESS_CONTEXT.outcomes));
      expect(state.updatedAt).toEqual(expect.any(String));
    });

    it('loses nothing when the Redis copy disappears mid-onboarding, and re-warms it', async () => {
      const user = await founder();
      await saveSample(user.token, STEP_IDS.slice(0, 3));
      const ttl = await redis.client.pttl(draftKey(user.workspaceId));
      expect(ttl).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
      await redis.client.del(draftKey(user.workspaceId));
      const state = (await call('GET', '/onboarding', user.token)).json();
      expect(state.completedSteps).toEqual(STEP_IDS.slice(0, 3));
      expect(state.answers.company.companyName).toBe(SAMPLE_BUSINESS_CONTEXT.company.companyName);
      expect(await redis.client.exists(draftKey(user.workspaceId))).toBe(1);
      await saveSample(user.token, ['problem']);
      expect((await call('GET', '/onboarding', user.token)).json().currentStep).toBe('outcomes');
    });

    it('never serves a stale Redis copy', async () => {
      const user = await founder();
      await saveSample(user.token, ['company']);
      const stale = JSON.parse((await redis.client.hget(draftKey(user.workspaceId), 'draft')) as string);
      await saveSample(user.token, ['stage']);
      await redis.client.hset(draftKey(user.workspaceId), 'draft', JSON.stringify(stale), 'rev', stale.revision);
      expect((await call('GET', '/onboarding', user.token)).json().completedSteps).toEqual(['company', 'stage']);
    });

    it('keeps every answer when several tabs save different steps at the same moment', async () => {
      const user = await founder();
      await saveSample(user.token, ['company']);
      const steps = STEP_IDS.slice(1, 11);
      const results = await Promise.all(
        steps.map((stepId) => call('PUT', `/onboarding/steps/${stepId}`, user.token, { answers: SAMPLE_BUSINESS_CONTEXT[stepId as keyof typeof SAMPLE_BUSINESS_CONTEXT], complete: true })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(steps.map(() => 200));
      const { rows } = await pg.query('select completed_steps, answers from onboarding_drafts where workspace_id = $1', [user.workspaceId]);
      expect(rows[0].completed_steps).toEqual(STEP_IDS.slice(0, 11));
      expect(Object.keys(rows[0].answers).sort()).toEqual([...STEP_IDS.slice(0, 11)].sort());
      // The Redis copy ends on the newest revision, so the next save and read agree with Postgres.
      expect((await call('GET', '/onboarding', user.token)).json().completedSteps).toEqual(STEP_IDS.slice(0, 11));
    });

    it('keeps every answer when a founder saves through two API instances in turn', async () => {
      const user = await founder();
      const other = await createTestApp({ imports }, { ...ENV, SUPABASE_URL: idp.url });
      try {
        await saveSample(user.token, ['company', 'stage']);
        await saveSample(user.token, ['offering'], other);
        // This instance last saved before the other one did: its next save must not drop "offering".
        await saveSample(user.token, ['problem']);
        const { rows } = await pg.query('select completed_steps from onboarding_drafts where workspace_id = $1', [user.workspaceId]);
        expect(rows[0].completed_steps).toEqual(['company', 'stage', 'offering', 'problem']);
      } finally {
        await other.close();
      }
    });

    it('saves, reads and finalizes through Postgres while Redis is down', async () => {
      const user = await founder();
      const offline = await createTestApp({ imports }, { ...ENV, SUPABASE_URL: idp.url, REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        await saveSample(user.token, STEP_IDS.slice(0, 4), offline);
        const state = (await callOn(offline, 'GET', '/onboarding', user.token)).json();
        expect(state.completedSteps).toEqual(STEP_IDS.slice(0, 4));
        await saveSample(user.token, STEP_IDS.slice(4), offline);
        const started = Date.now();
        const finalized = await callOn(offline, 'POST', '/onboarding/finalize', user.token);
        expect(finalized.statusCode).toBe(200);
        expect(finalized.json().contextVersion).toBe(1);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await offline.close();
      }
      // Back on a healthy app, everything saved while Redis was down is there.
      expect((await call('GET', '/onboarding', user.token)).json()).toMatchObject({ status: 'completed', contextVersion: 1, progress: 1 });
    });

    it('answers 503 with a retry hint when Postgres is unavailable', async () => {
      const user = await founder();
      const noDb = await createTestApp({ imports }, { ...ENV, SUPABASE_URL: idp.url, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
      try {
        const res = await save(user.token, 'company', SAMPLE_BUSINESS_CONTEXT.company, true, noDb);
        expect(res.statusCode).toBe(503);
        expect(res.json().code).toBe('SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toEqual(expect.any(String));
      } finally {
        await noDb.close();
      }
    });
  });

  describe('finalize', () => {
    it('names a missing required step and writes nothing', async () => {
      const user = await founder();
      await saveSample(user.token, STEP_IDS.filter((id) => id !== 'competitors'));
      const res = await call('POST', '/onboarding/finalize', user.token);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('ANSWERS_INCOMPLETE');
      expect(res.json().message).toContain('Competitors');
      expect(res.json().details.errors).toEqual([expect.objectContaining({ stepId: 'competitors' })]);
      expect(await contexts(user.workspaceId)).toEqual([]);
      expect(await workspaceStatus(user.workspaceId)).toBe('in_progress');
      expect((await call('GET', '/onboarding', user.token)).json().completedSteps).toHaveLength(22);
    });

    it('refuses to finalize before anything was saved', async () => {
      const user = await founder();
      const res = await call('POST', '/onboarding/finalize', user.token);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('ANSWERS_INCOMPLETE');
      expect(await contexts(user.workspaceId)).toEqual([]);
    });

    it('creates version 1, completes onboarding, clears the draft and enqueues the BCM build; a second finalize is harmless', async () => {
      const user = await founder();
      await saveSample(user.token);
      const res = await call('POST', '/onboarding/finalize', user.token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ contextVersion: 1, state: { status: 'completed', progress: 1, currentStep: 'review' } });

      const rows = await contexts(user.workspaceId);
      expect(rows).toEqual([{ version: 1, data: normalizeAnswers(SAMPLE_BUSINESS_CONTEXT), schema_version: 1 }]);
      expect(await workspaceStatus(user.workspaceId)).toBe('completed');
      expect((await pg.query('select 1 from onboarding_drafts where workspace_id = $1', [user.workspaceId])).rowCount).toBe(0);
      expect(await redis.client.exists(draftKey(user.workspaceId))).toBe(0);

      const config = app.get(AppConfig);
      const queue = new Queue(BCM_REBUILD_QUEUE, { connection: { url: config.REDIS_URL }, prefix: `${config.redisPrefix}:bull` });
      try {
        const job = await queue.getJob(bcmRebuildJobId(user.workspaceId));
        expect(job?.id).toBe(`bcm-${user.workspaceId}`);
        expect(job?.data).toEqual({ workspaceId: user.workspaceId, reason: 'onboarding-finalized' });
        expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 2000 } });
      } finally {
        await queue.close();
      }

      const again = await call('POST', '/onboarding/finalize', user.token);
      expect(again.statusCode).toBe(200);
      expect(again.json().contextVersion).toBe(1);
      expect(await contexts(user.workspaceId)).toHaveLength(1);

      const context = await call('GET', '/onboarding/context', user.token);
      expect(context.statusCode).toBe(200);
      expect(context.json()).toMatchObject({ version: 1, schemaVersion: 1, data: { company: SAMPLE_BUSINESS_CONTEXT.company }, createdAt: expect.any(String) });
      expect((await call('GET', '/onboarding', user.token)).json()).toMatchObject({ status: 'completed', contextVersion: 1, progress: 1, updatedAt: null });
    });

    it('edits after finalize start from the latest context and make version 2; status stays completed', async () => {
      const user = await founder();
      await saveSample(user.token);
      await call('POST', '/onboarding/finalize', user.token);
      const edit = await save(user.token, 'company', { ...SAMPLE_BUSINESS_CONTEXT.company, companyName: 'Ledgerly 2' });
      expect(edit.json().state).toMatchObject({ progress: 1, status: 'completed', contextVersion: 1 });
      const res = await call('POST', '/onboarding/finalize', user.token);
      expect(res.json().contextVersion).toBe(2);
      const rows = await contexts(user.workspaceId);
      expect(rows.map((r) => [r.version, r.data.company.companyName])).toEqual([
        [1, 'Ledgerly Technologies'],
        [2, 'Ledgerly 2'],
      ]);
    });

    it('serves 404 for the context before any finalize', async () => {
      const user = await founder();
      const res = await call('GET', '/onboarding/context', user.token);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('CONTEXT_NOT_FOUND');
    });
  });

  describe('isolation', () => {
    it('a second user cannot read or write the first one’s draft or contexts, through the API or SQL as authenticated', async () => {
      const a = await founder();
      const b = await founder();
      await saveSample(a.token);
      await call('POST', '/onboarding/finalize', a.token);
      await saveSample(a.token, ['company']);

      const seenByB = (await call('GET', '/onboarding', b.token)).json();
      expect(seenByB).toMatchObject({ answers: {}, completedSteps: [], status: 'not_started', contextVersion: null });
      expect((await call('GET', '/onboarding/context', b.token)).statusCode).toBe(404);
      await save(b.token, 'company', { companyName: 'Intruder', industry: 'saas' });
      expect((await call('GET', '/onboarding', a.token)).json().answers.company.companyName).toBe(SAMPLE_BUSINESS_CONTEXT.company.companyName);

      const asUser = async <T>(userId: string, fn: () => Promise<T>): Promise<T> => {
        await pg.query('begin');
        try {
          await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: userId })]);
          return await fn();
        } finally {
          await pg.query('rollback');
        }
      };
      const refused = async (text: string, params: unknown[]) => {
        await pg.query('savepoint attempt');
        const error = await pg.query(text, params).then(
          () => null,
          (e: Error) => e.message,
        );
        await pg.query('rollback to savepoint attempt');
        return error;
      };
      await asUser(b.id, async () => {
        const seen = await pg.query(
          `select (select count(*) from onboarding_drafts where workspace_id = $1)::int as drafts,
                  (select count(*) from business_contexts where workspace_id = $1)::int as contexts`,
          [a.workspaceId],
        );
        expect(seen.rows[0]).toEqual({ drafts: 0, contexts: 0 });
        expect((await pg.query(`update onboarding_drafts set answers = '{}' where workspace_id = $1`, [a.workspaceId])).rowCount).toBe(0);
        expect(await refused(`insert into onboarding_drafts (workspace_id, updated_by) values ($1, $2) on conflict do nothing`, [a.workspaceId, b.id])).toMatch(
          /row-level security/,
        );
        expect(
          await refused(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, 9, '{}', 1)`, [a.workspaceId]),
        ).toMatch(/permission denied/);
      });
      // Even the owner cannot write a context or delete a draft directly: finalize is the only way.
      await asUser(a.id, async () => {
        expect(await refused(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, 9, '{}', 1)`, [a.workspaceId])).toMatch(
          /permission denied/,
        );
        expect(await refused(`delete from onboarding_drafts where workspace_id = $1`, [a.workspaceId])).toMatch(/permission denied/);
        expect((await pg.query('select count(*)::int as n from onboarding_drafts where workspace_id = $1', [a.workspaceId])).rows[0].n).toBe(1);
      });
    });
  });

  describe('cleanup job', () => {
    it('removes a draft abandoned for 31 days (and its Redis copy), keeps a fresh one, and is safe to run concurrently', async () => {
      const stale = await founder();
      const fresh = await founder();
      await saveSample(stale.token, ['company']);
      await saveSample(fresh.token, ['company']);
      await pg.query(`update onboarding_drafts set updated_at = now() - interval '31 days' where workspace_id = $1`, [stale.workspaceId]);

      const service = app.get(OnboardingService);
      const runs = await Promise.all([service.cleanupAbandonedDrafts(), service.cleanupAbandonedDrafts()]);
      expect(runs.reduce((n, r) => n + r.removed, 0)).toBe(1);

      const left = await pg.query('select workspace_id from onboarding_drafts where workspace_id = any($1)', [[stale.workspaceId, fresh.workspaceId]]);
      expect(left.rows.map((r) => r.workspace_id)).toEqual([fresh.workspaceId]);
      expect(await redis.client.exists(draftKey(stale.workspaceId))).toBe(0);
      expect(await redis.client.exists(draftKey(fresh.workspaceId))).toBe(1);
      expect((await call('GET', '/onboarding', stale.token)).json()).toMatchObject({ completedSteps: [], currentStep: 'company' });
    });

    it('is scheduled daily by the worker wiring, whose processor runs the cleanup', async () => {
      // The module apps/worker imports, on the test's database and Redis prefix.
      const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, OnboardingWorkerModule] }).compile();
      const worker = await moduleRef.createNestApplication().init();
      try {
        const config = worker.get(AppConfig);
        const queue = new Queue(ONBOARDING_CLEANUP_QUEUE, { connection: { url: config.REDIS_URL }, prefix: `${config.redisPrefix}:bull` });
        try {
          const schedulers = await queue.getJobSchedulers();
          expect(schedulers).toEqual([expect.objectContaining({ key: ONBOARDING_CLEANUP_JOB, name: ONBOARDING_CLEANUP_JOB, pattern: ONBOARDING_CLEANUP_PATTERN })]);
        } finally {
          await queue.close();
        }
        expect(await worker.get(OnboardingCleanupProcessor).process()).toEqual({ removed: expect.any(Number) });
      } finally {
        await worker.close();
      }
    });
  });
});
