// The BCM end to end: the API (Redis hot tier over Postgres), the bcm-rebuild queue and the worker's processor.
import { execFileSync } from 'node:child_process';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { ConfigModule, HttpPlatformModule, QueueModule, RedisService, StorageModule } from '@raptorflow/api-platform';
import { createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { BcmResponse, BusinessContextManifest, SAMPLE_BUSINESS_CONTEXT, bcmSections } from '@raptorflow/contracts';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { AiProvider, BcmEnrichment } from './ai/ai-provider';
import { bcmChecksum } from './bcm.checksum';
import { BCM_REBUILD_QUEUE, bcmRebuildJobId } from './bcm.jobs';
import { BcmModule, BcmWorkerModule } from './bcm.module';
import { rebuildDay } from './bcm.policy';
import { BcmRebuildService } from './bcm.rebuild.service';

type Method = 'GET' | 'POST';
type Founder = TestUser & { workspaceId: string };

// Switchable per test: the worker's AI adapter.
let enrichment: BcmEnrichment | null = null;
class FakeAiProvider extends AiProvider {
  async enrichBcm(): Promise<BcmEnrichment | null> {
    return enrichment;
  }
}

// The checksummed content without the stamps that differ between two builds of equal answers.
const content = (m: BusinessContextManifest) => {
  const { version, sourceContextVersion, generatedAt, checksum, ...rest } = m;
  void [version, sourceContextVersion, generatedAt, checksum];
  return rest;
};

describe('BCM', () => {
  let idp: TestIdentityProvider;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;
  let pg: Client;
  let redis: RedisService;
  let queue: Queue;
  let overrides: Record<string, string>;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    // No model configured (the worker's AI is the fake below), so no manifest waits for suggestions.
    overrides = { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000', REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:bcm${Date.now()}`, VERTEX_AI_API_KEY: '' };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, BcmModule] }, overrides);
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, BcmWorkerModule] }, overrides)
      .overrideProvider(AiProvider)
      .useClass(FakeAiProvider)
      .compile();
    worker = await moduleRef.init();
    redis = api.get(RedisService);
    queue = api.get<Queue>(getQueueToken(BCM_REBUILD_QUEUE), { strict: false });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await idp?.close();
    await pg?.end();
  });

  beforeEach(() => {
    enrichment = null;
  });

  const callOn = (target: NestFastifyApplication, method: Method, url: string, user: TestUser, headers: Record<string, string> = {}) =>
    target.inject({ method, url: `/api/v1/context/bcm${url}`, headers: { authorization: `Bearer ${user.token}`, ...headers } });
  const call = (method: Method, url: string, user: TestUser, headers: Record<string, string> = {}) => callOn(api, method, url, user, headers);
  const current = async (user: TestUser): Promise<BcmResponse> => (await call('GET', '', user)).json();

  /** A signed-up user whose personal workspace has a subscription and, unless told otherwise, a finalized context v1. */
  const founder = async (plan = 'starter', withContext = true): Promise<Founder> => {
    const user = await idp.createUser();
    const { rows } = await pg.query('select id from workspaces where owner_id = $1', [user.id]);
    const workspaceId = rows[0].id as string;
    await setSubscription(pg, workspaceId, 'active', 29, plan);
    if (withContext) await addContext(workspaceId, 1);
    return { ...user, workspaceId };
  };

  const addContext = (workspaceId: string, version: number, data: object = SAMPLE_BUSINESS_CONTEXT) =>
    pg.query(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, $2, $3, 1)`, [workspaceId, version, JSON.stringify(data)]);

  /** POSTs a rebuild and waits until the worker is done with it (the job is removed when it finishes). */
  const rebuildAndWait = async (user: Founder): Promise<BcmResponse> => {
    const res = await call('POST', '/rebuild', user);
    expect(res.statusCode).toBe(202);
    await eventually(async () => !(await queue.getJob(bcmRebuildJobId(user.workspaceId))));
    return current(user);
  };

  const cacheKey = (workspaceId: string) => redis.key('bcm', workspaceId);

  it('is missing before the first build, then fresh at version 1 with a valid checksum in both tiers', async () => {
    const user = await founder();
    expect(await current(user)).toEqual({ manifest: null, freshness: 'missing', status: 'idle', lastError: null, contextVersion: 1, enrichment: null, enrichmentPending: false });

    const res = await call('POST', '/rebuild', user);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ jobId: bcmRebuildJobId(user.workspaceId), status: 'queued' });

    const body = await eventually(async () => {
      const b = await current(user);
      return b.freshness === 'fresh' && b;
    });
    const manifest = body.manifest as BusinessContextManifest;
    expect(body).toMatchObject({ status: 'idle', lastError: null, contextVersion: 1 });
    expect(manifest).toMatchObject({ version: 1, sourceContextVersion: 1, schemaVersion: 1 });
    expect(manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(bcmChecksum(manifest)).toBe(manifest.checksum);
    expect(manifest.identity.company).toBe(SAMPLE_BUSINESS_CONTEXT.company.companyName);

    const row = (await pg.query('select version, checksum, manifest from bcm_manifests where workspace_id = $1', [user.workspaceId])).rows;
    expect(row).toHaveLength(1);
    expect(row[0].checksum).toBe(manifest.checksum);
    expect(bcmChecksum(row[0].manifest)).toBe(manifest.checksum);
    expect((await pg.query('select latest_version, status from bcm_state where workspace_id = $1', [user.workspaceId])).rows[0]).toEqual({ latest_version: 1, status: 'idle' });
    expect(JSON.parse((await redis.client.get(cacheKey(user.workspaceId))) as string)).toEqual(manifest);
    expect(await redis.client.ttl(cacheKey(user.workspaceId))).toBeGreaterThan(3500);

    const versions = (await call('GET', '/versions', user)).json();
    expect(versions).toEqual([{ version: 1, checksum: manifest.checksum, sourceContextVersion: 1, schemaVersion: 1, createdAt: expect.any(String) }]);
    expect((await call('GET', '/versions/1', user)).json()).toEqual(manifest);
  });

  it('refuses a rebuild before onboarding is finalized (409 NO_CONTEXT)', async () => {
    const user = await founder('starter', false);
    const res = await call('POST', '/rebuild', user);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NO_CONTEXT');
  });

  it('is deterministic: equal answers build equal content; an unchanged rebuild stores nothing', async () => {
    const user = await founder();
    const rebuilds = worker.get(BcmRebuildService);
    expect(await rebuilds.rebuild(user.workspaceId)).toEqual({ version: 1, created: true });
    // The same context again: same content at the same version, so no version 2 (running a job twice is a no-op).
    expect(await rebuilds.rebuild(user.workspaceId)).toEqual({ version: 1, created: false });
    const v1 = (await call('GET', '/versions/1', user)).json() as BusinessContextManifest;

    // Identical answers finalized again as context v2: a new version whose only differences are the stamps.
    await addContext(user.workspaceId, 2);
    expect(await rebuilds.rebuild(user.workspaceId)).toEqual({ version: 2, created: true });
    const v2 = (await call('GET', '/versions/2', user)).json() as BusinessContextManifest;
    expect(v2).toMatchObject({ version: 2, sourceContextVersion: 2 });
    expect(content(v2)).toEqual(content(v1));
    // The checksum covers version and sourceContextVersion; with those put back it is v1's checksum exactly.
    expect(v2.checksum).not.toBe(v1.checksum);
    expect(bcmChecksum({ ...v2, version: 1, sourceContextVersion: 1 })).toBe(v1.checksum);
    expect((await call('GET', '/versions', user)).json().map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('answers If-None-Match with 304 while the manifest is current, and 200 once it is stale', async () => {
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    const first = await call('GET', '', user);
    expect(first.headers['etag']).toBe(`"${manifest.checksum}"`);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await call('GET', '', user, { 'if-none-match': `"${manifest.checksum}"` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await call('GET', '', user, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    expect((await call('GET', '/versions/1', user, { 'if-none-match': `"${manifest.checksum}"` })).statusCode).toBe(304);

    // The context changed: same manifest, but the response is stale now, so the old validator no longer matches.
    await addContext(user.workspaceId, 2, { ...SAMPLE_BUSINESS_CONTEXT, company: { ...SAMPLE_BUSINESS_CONTEXT.company, companyName: 'Renamed Ltd' } });
    const stale = await call('GET', '', user, { 'if-none-match': `"${manifest.checksum}"` });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toMatchObject({ freshness: 'stale', contextVersion: 2, manifest: { version: 1, sourceContextVersion: 1 } });
    expect(stale.headers['etag']).toBe(`"${manifest.checksum}-stale"`);

    const rebuilt = await rebuildAndWait(user);
    expect(rebuilt).toMatchObject({ freshness: 'fresh', manifest: { version: 2, sourceContextVersion: 2, identity: { company: 'Renamed Ltd' } } });
  });

  it('serves the manifest from Postgres while Redis is down', async () => {
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest;
    const offline = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, BcmModule] }, { ...overrides, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await callOn(offline, 'GET', '', user);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ manifest, freshness: 'fresh', status: 'idle' });
      expect((await callOn(offline, 'GET', '/export', user)).statusCode).toBe(200);
      // Rebuilds need the queue: a clear, retryable refusal.
      const refused = await callOn(offline, 'POST', '/rebuild', user);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await offline.close();
    }
  });

  it.each([
    ['unparseable text', () => 'garbage{'],
    ['a tampered manifest', (m: BusinessContextManifest) => JSON.stringify({ ...m, goals: { ...m.goals, target: 1 } })],
  ])('discards a corrupt cache entry (%s), serves Postgres and re-warms Redis', async (_, corrupt) => {
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    await redis.client.set(cacheKey(user.workspaceId), corrupt(manifest), 'EX', 3600);
    // Another API instance, whose memory holds nothing yet, reads the Redis copy first.
    const another = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, BcmModule] }, overrides);
    try {
      expect((await callOn(another, 'GET', '', user)).json().manifest).toEqual(manifest);
    } finally {
      await another.close();
    }
    expect(JSON.parse((await redis.client.get(cacheKey(user.workspaceId))) as string)).toEqual(manifest);
  });

  it('coalesces 5 concurrent rebuild requests into one job, counted once', async () => {
    const user = await founder('growth');
    // Holds every job in the queue (a paused worker may still have a fetch in flight).
    await queue.pause();
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/rebuild', user)));
      expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
      expect(new Set(responses.map((r) => r.json().jobId))).toEqual(new Set([bcmRebuildJobId(user.workspaceId)]));
      const jobs = (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).filter((j) => j.data.workspaceId === user.workspaceId);
      expect(jobs).toHaveLength(1);
      expect(await redis.client.get(redis.key('bcm', 'rebuilds', user.workspaceId, rebuildDay(new Date())))).toBe('1');
      expect((await current(user)).freshness).toBe('rebuilding');
    } finally {
      await queue.resume();
    }
    await eventually(async () => (await current(user)).freshness === 'fresh');
    expect((await pg.query('select count(*)::int as n from bcm_manifests where workspace_id = $1', [user.workspaceId])).rows[0].n).toBe(1);
  });

  it('keeps the last good manifest when a rebuild fails, showing failed with the reason', async () => {
    const user = await founder();
    const good = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    // A context the builder cannot use (as if written by a broken release).
    await addContext(user.workspaceId, 2, { company: { companyName: 'Half' } });
    const after = await rebuildAndWait(user);
    expect(after).toMatchObject({ manifest: good, freshness: 'stale', status: 'failed', contextVersion: 2 });
    expect(after.lastError).toMatch(/^Business context v2 cannot be built: /);
    expect((await call('GET', '', user)).headers['etag']).toBe(`"${good.checksum}-stale-failed"`);
    expect(JSON.parse((await redis.client.get(cacheKey(user.workspaceId))) as string)).toEqual(good);

    // A good context afterwards recovers: new version, error cleared.
    await addContext(user.workspaceId, 3);
    expect(await rebuildAndWait(user)).toMatchObject({ manifest: { version: 2, sourceContextVersion: 3 }, freshness: 'fresh', status: 'idle', lastError: null });
  });

  it("limits rebuilds to the plan's daily allowance (429 REBUILD_LIMIT)", async () => {
    const user = await founder('starter');
    await rebuildAndWait(user);
    const counter = redis.key('bcm', 'rebuilds', user.workspaceId, rebuildDay(new Date()));
    expect(await redis.client.get(counter)).toBe('1');
    expect(await redis.client.ttl(counter)).toBeGreaterThan(86_400);
    await redis.client.set(counter, '3', 'KEEPTTL');

    const res = await call('POST', '/rebuild', user);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({
      code: 'REBUILD_LIMIT',
      message: expect.stringContaining('Starter plan includes 3 BCM rebuilds per day'),
      details: { limit: 3, resetsAt: expect.any(String) },
    });
    // A refused request is not counted.
    expect(await redis.client.get(counter)).toBe('3');
  });

  it('shows a workspace only to its members: others see nothing through the API or SQL; members cannot rebuild', async () => {
    const owner = await founder('growth');
    const manifest = (await rebuildAndWait(owner)).manifest as BusinessContextManifest;
    const stranger = await idp.createUser();

    expect(await current(stranger)).toMatchObject({ manifest: null, freshness: 'missing', contextVersion: null });
    expect((await call('GET', '/versions', stranger)).json()).toEqual([]);
    const one = await call('GET', '/versions/1', stranger);
    expect([one.statusCode, one.json().code]).toEqual([404, 'VERSION_NOT_FOUND']);
    expect((await call('GET', '/export', stranger)).statusCode).toBe(404);
    expect((await call('GET', '/versions/0', stranger)).statusCode).toBe(400);

    await pg.query('begin');
    try {
      await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: stranger.id })]);
      const seen = await pg.query(
        `select (select count(*) from bcm_manifests where workspace_id = $1)::int as manifests, (select count(*) from bcm_state where workspace_id = $1)::int as state`,
        [owner.workspaceId],
      );
      expect(seen.rows[0]).toEqual({ manifests: 0, state: 0 });
      await pg.query('savepoint attempt');
      await expect(
        pg.query(`insert into bcm_manifests (workspace_id, version, source_context_version, schema_version, manifest, checksum) values ($1, 9, 1, 1, $2, $3)`, [
          stranger.id,
          JSON.stringify(manifest),
          manifest.checksum,
        ]),
      ).rejects.toMatchObject({ code: '42501' });
      await pg.query('rollback to savepoint attempt');
      await expect(pg.query(`update bcm_state set status = 'failed' where workspace_id = $1`, [owner.workspaceId])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await pg.query('rollback');
    }

    // A member of the workspace reads it (RLS as that member), but rebuilding takes an owner or admin.
    const member = await idp.createUser();
    await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [owner.workspaceId, member.id]);
    await pg.query(`update users set current_workspace_id = $1 where id = $2`, [owner.workspaceId, member.id]);
    expect((await current(member)).manifest).toEqual(manifest);
    const refused = await call('POST', '/rebuild', member);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'ROLE_REQUIRED']);

    // Removed from the workspace, the member stops seeing its manifest moments later (no stale in-memory copy).
    await pg.query(`delete from workspace_members where workspace_id = $1 and user_id = $2`, [owner.workspaceId, member.id]);
    await eventually(async () => (await current(member)).manifest?.checksum !== manifest.checksum, 2000);
  });

  it('exports the manifest as a JSON download', async () => {
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    const res = await call('GET', '/export', user);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="raptorflow-bcm-v1.json"');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual(manifest);
  });

  it('exports the manifest as a PDF whose text holds every section, and refuses one without a manifest', async () => {
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    const res = await call('GET', '/export.pdf', user);
    expect([res.statusCode, res.headers['content-type'], res.headers['content-disposition']]).toEqual([200, 'application/pdf', 'attachment; filename="raptorflow-bcm-v1.pdf"']);
    const text = execFileSync('pdftotext', ['-', '-'], { input: res.rawPayload }).toString().replace(/\s+/g, ' ');
    expect(text).toContain(`${manifest.identity.company} Business Context Manifest, version 1`);
    for (const section of bcmSections(manifest)) {
      expect(text).toContain(section.title);
      for (const row of section.rows) expect(text).toContain(`${row.label}: ${row.value}`.replace(/\s+/g, ' ').replace(/₹/g, 'INR '));
    }
    const stranger = await founder('starter', false);
    const none = await call('GET', '/export.pdf', stranger);
    expect([none.statusCode, none.headers['content-type']]).toEqual([404, expect.stringMatching(/^application\/json/)]);
  });

  it('goes away with its workspace (history and pointer cascade)', async () => {
    const user = await founder();
    await rebuildAndWait(user);
    await pg.query('delete from workspaces where id = $1', [user.workspaceId]);
    const left = await pg.query(
      `select (select count(*) from bcm_manifests where workspace_id = $1)::int as manifests, (select count(*) from bcm_state where workspace_id = $1)::int as state`,
      [user.workspaceId],
    );
    expect(left.rows[0]).toEqual({ manifests: 0, state: 0 });
  });

  it('stores AI enrichment beside the manifest, outside its checksum', async () => {
    enrichment = { provider: 'fake', positioningRewrite: 'Books closed in a day.' };
    const user = await founder();
    const manifest = (await rebuildAndWait(user)).manifest as BusinessContextManifest;
    // Enrichment runs after the job (it never holds the manifest back).
    await worker.get(BcmRebuildService).settled();
    const row = (await pg.query('select manifest, enrichment from bcm_manifests where workspace_id = $1', [user.workspaceId])).rows[0];
    expect(row.enrichment).toEqual(enrichment);
    expect((await current(user)).enrichment).toEqual(enrichment);
    expect(row.manifest).toEqual(manifest);
    expect(bcmChecksum(manifest)).toBe(manifest.checksum);
  });
});
