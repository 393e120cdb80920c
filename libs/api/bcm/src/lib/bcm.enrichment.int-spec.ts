// AI enrichment end to end: the worker's VertexAiProvider against the sandbox stand-in, the API serving the result.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { ConfigModule, HttpPlatformModule, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { BcmResponse, BusinessContextManifest, SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { startTestSandbox } from '@raptorflow/sandbox/testing';
import { AiProvider } from './ai/ai-provider';
import { VertexAiProvider } from './ai/vertex-ai.provider';
import { bcmChecksum } from './bcm.checksum';
import { BCM_REBUILD_QUEUE, bcmRebuildJobId } from './bcm.jobs';
import { BcmModule, BcmWorkerModule } from './bcm.module';
import { BcmRebuildService } from './bcm.rebuild.service';

const KEY = 'vertex_sandbox_key';
const AI_TIMEOUT_MS = 1000;

// Every line the Nest loggers write, so a test can read the worker's warnings.
const lines: { level: string; message: string }[] = [];
const collector: LoggerService = {
  log: (message) => lines.push({ level: 'log', message: String(message) }),
  error: (message) => lines.push({ level: 'error', message: String(message) }),
  warn: (message) => lines.push({ level: 'warn', message: String(message) }),
};
const warnings = () => lines.filter((l) => l.level === 'warn').map((l) => l.message);

describe('BCM AI enrichment (Vertex AI stand-in)', () => {
  let sandbox: FastifyInstance;
  let vertex: string;
  let idp: TestIdentityProvider;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;
  let pg: Client;
  let queue: Queue;

  const control = (path: string, body?: object) =>
    fetch(`${vertex}/__sandbox${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined).then((r) => r.json());

  beforeAll(async () => {
    let url: string;
    ({ sandbox, url } = await startTestSandbox());
    vertex = `${url}/vertex`;

    idp = await TestIdentityProvider.start();
    const overrides = {
      SUPABASE_URL: idp.url,
      RATE_LIMIT_PER_MINUTE: '100000',
      REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:bcmai${Date.now()}`,
      VERTEX_AI_BASE_URL: vertex,
      VERTEX_AI_API_KEY: KEY,
      AI_TIMEOUT_MS: String(AI_TIMEOUT_MS),
    };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, BcmModule] }, overrides);
    const moduleRef = await testModule({ imports: [ConfigModule, StorageModule, QueueModule, BcmWorkerModule] }, overrides).compile();
    moduleRef.useLogger(collector);
    worker = await moduleRef.init();
    queue = api.get<Queue>(getQueueToken(BCM_REBUILD_QUEUE), { strict: false });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await idp?.close();
    await sandbox?.close();
    await pg?.end();
  });

  beforeEach(async () => {
    await control('/reset', {});
    lines.length = 0;
  });

  const call = (user: TestUser, headers: Record<string, string> = {}) =>
    api.inject({ method: 'GET', url: '/api/v1/context/bcm', headers: { authorization: `Bearer ${user.token}`, ...headers } });
  const current = async (user: TestUser): Promise<BcmResponse> => (await call(user)).json();
  const storedEnrichment = async (workspaceId: string) =>
    (await pg.query('select enrichment from bcm_manifests where workspace_id = $1', [workspaceId])).rows[0]?.enrichment ?? null;

  /** A paying founder with a finalized context, whose first rebuild has been requested and has finished. */
  const rebuiltFounder = async (): Promise<{ user: TestUser; workspaceId: string }> => {
    const user = await idp.createUser();
    const workspaceId = (await pg.query('select id from workspaces where owner_id = $1', [user.id])).rows[0].id as string;
    await setSubscription(pg, workspaceId, 'active', 29, 'starter');
    await pg.query(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, 1, $2, 1)`, [workspaceId, JSON.stringify(SAMPLE_BUSINESS_CONTEXT)]);
    const res = await api.inject({ method: 'POST', url: '/api/v1/context/bcm/rebuild', headers: { authorization: `Bearer ${user.token}` } });
    expect(res.statusCode).toBe(202);
    await eventually(async () => !(await queue.getJob(bcmRebuildJobId(workspaceId))));
    return { user, workspaceId };
  };

  it('uses the Vertex AI adapter when a key is configured', () => {
    expect(worker.get(AiProvider)).toBeInstanceOf(VertexAiProvider);
  });

  it('stores the suggestions beside the manifest (outside its checksum) and serves them with a new ETag', async () => {
    const { user, workspaceId } = await rebuiltFounder();
    const body = await eventually(async () => {
      const b = await current(user);
      return b.enrichment !== null && b;
    });
    const manifest = body.manifest as BusinessContextManifest;
    expect(body).toMatchObject({ freshness: 'fresh', status: 'idle' });
    expect(body.enrichment).toEqual({
      provider: 'vertex-ai/gemini-2.5-flash',
      positioningRewrite: expect.stringContaining(manifest.offering.product),
      moveIdeas: expect.arrayContaining([expect.any(String)]),
    });
    expect(await storedEnrichment(workspaceId)).toEqual(body.enrichment);
    // The model saw this manifest, and the manifest itself is untouched by what came back.
    const [sent] = (await control('/calls')) as { prompt: string }[];
    expect(sent.prompt).toContain(manifest.positioning.statement);
    expect(bcmChecksum(manifest)).toBe(manifest.checksum);
    expect(JSON.stringify(manifest)).not.toContain('sandbox rewrite');

    const etag = (await call(user)).headers['etag'];
    expect(etag).toBe(`"${manifest.checksum}-ai"`);
    expect((await call(user, { 'if-none-match': etag as string })).statusCode).toBe(304);
    // A copy cached before the suggestions arrived is out of date.
    expect((await call(user, { 'if-none-match': `"${manifest.checksum}"` })).statusCode).toBe(200);
  });

  it('serves the manifest at once while the model is slower than AI_TIMEOUT_MS, then gives up with a warning', async () => {
    await control('/behaviour', { delayMs: AI_TIMEOUT_MS * 4 });
    const { user, workspaceId } = await rebuiltFounder();
    // The model has the request and is still "thinking": the manifest is already fresh and served, without extras.
    await eventually(async () => ((await control('/calls')) as unknown[]).length === 1);
    const during = await current(user);
    // The page is told suggestions may still come, so it keeps asking.
    expect(during).toMatchObject({ freshness: 'fresh', status: 'idle', enrichment: null, enrichmentPending: true, manifest: { version: 1 } });
    expect(warnings()).toEqual([]);

    const warning = await eventually(async () => warnings().find((w) => w.includes('enrichment')), AI_TIMEOUT_MS * 3);
    expect(warning).toMatch(new RegExp(`^BCM enrichment of [0-9a-f-]+ skipped: Timed out after ${AI_TIMEOUT_MS} ms$`));
    expect(lines.map((l) => l.message).join('\n')).not.toContain(KEY);
    expect(await storedEnrichment(workspaceId)).toBeNull();
    expect((await current(user)).enrichment).toBeNull();
    // Once the model's time is up the page stops asking.
    await eventually(async () => (await current(user)).enrichmentPending === false, 5000);
  });

  it.each([
    ['fails (500)', { failStatus: 500 }, /Vertex AI answered 500/],
    ['is rate-limited (429)', { failStatus: 429 }, /Vertex AI answered 429: RESOURCE_EXHAUSTED/],
    ['answers with malformed text', { malformed: true }, /not JSON/],
  ])('keeps the manifest and no enrichment when the model %s', async (_, behaviour, reason) => {
    await control('/behaviour', behaviour);
    const { user, workspaceId } = await rebuiltFounder();
    await worker.get(BcmRebuildService).settled();
    expect(warnings()).toEqual([expect.stringMatching(reason)]);
    expect(await storedEnrichment(workspaceId)).toBeNull();
    expect(await current(user)).toMatchObject({ freshness: 'fresh', manifest: { version: 1 }, enrichment: null });
  });
});
