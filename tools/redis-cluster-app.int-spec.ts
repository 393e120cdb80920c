// The API and the worker on a Redis Cluster (REDIS_CLUSTER_NODES): rate limits, draft copies, the BCM rebuild queue
// and the worker's schedules, on the local three-master cluster that tools/redis-cluster.ts starts.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider } from '@raptorflow/api-auth/testing';
import { BcmModule } from '@raptorflow/api-bcm';
import { OnboardingModule } from '@raptorflow/api-onboarding';
import { AppConfig, HEARTBEAT_KEY, HttpPlatformModule, QueueModule, RedisService } from '@raptorflow/api-platform';
import { createTestApp, eventually, testModule } from '@raptorflow/api-platform/testing';
import { SAMPLE_BUSINESS_CONTEXT, STEP_IDS } from '@raptorflow/contracts';
import { Cluster } from 'ioredis';
import { Client } from 'pg';
import { WorkerModule } from '../apps/worker/src/app/worker.module';
import { LocalRedisCluster, startRedisCluster } from './redis-cluster';

describe('the app on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  let idp: TestIdentityProvider;
  let api: NestFastifyApplication;
  let worker: INestApplicationContext;
  let pg: Client;
  let redis: RedisService;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    idp = await TestIdentityProvider.start();
    const env = { REDIS_CLUSTER_NODES: cluster.nodes, REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:cluster`, SUPABASE_URL: idp.url };
    api = await createTestApp({ imports: [HttpPlatformModule, QueueModule, AuthModule, OnboardingModule, BcmModule] }, env);
    worker = await (await testModule({ imports: [WorkerModule] }, env).compile()).init();
    redis = api.get(RedisService);
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await idp?.close();
    await pg?.end();
    await cluster?.stop();
  });

  /** Keys under the app's prefix on every master. */
  const keysOnCluster = async (pattern: string) => (await Promise.all((redis.client as Cluster).nodes('master').map((node) => node.keys(pattern)))).flat();

  it('uses the cluster client and hash-tags the queues', () => {
    expect(redis.client).toBeInstanceOf(Cluster);
    expect(api.get(AppConfig).bullPrefix).toBe(`{${redis.prefix}}:bull`);
  });

  it('takes a founder from the first saved step to a built manifest: drafts, rate limits and the rebuild queue on the cluster, the manifest built by the worker', async () => {
    const founder = await idp.createUser();
    const { rows } = await pg.query<{ id: string }>('select id from workspaces where owner_id = $1', [founder.id]);
    const workspaceId = rows[0].id;
    await setSubscription(pg, workspaceId, 'active', 30);
    const call = (method: 'PUT' | 'POST' | 'GET', url: string, payload?: object) =>
      api.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${founder.token}` }, payload });

    for (const stepId of STEP_IDS) {
      const res = await call('PUT', `/onboarding/steps/${stepId}`, { answers: SAMPLE_BUSINESS_CONTEXT[stepId] ?? {}, complete: true });
      expect([stepId, res.statusCode]).toEqual([stepId, 200]);
    }
    // The draft copy and the rate limiter's counters (a two-key script: one hash tag) live on the cluster.
    expect(await redis.client.hget(redis.key('onboarding', 'draft', workspaceId), 'draft')).toContain('"revision"');
    expect((await keysOnCluster(`${redis.prefix}:throttle:*`)).length).toBeGreaterThan(0);

    expect((await call('POST', '/onboarding/finalize')).statusCode).toBe(200);
    // Enqueued by the API, processed by the worker: both through the hash-tagged BullMQ prefix.
    const manifest = await eventually(async () => (await pg.query('select version from bcm_manifests where workspace_id = $1', [workspaceId])).rows[0], 30_000, 200);
    expect(manifest.version).toBe(1);
    expect((await call('GET', '/context/bcm')).statusCode).toBe(200);
  }, 60_000);

  it('runs the worker schedules on the cluster (the heartbeat job stamps its key)', async () => {
    const stamp = await eventually(() => redis.client.get(redis.key(HEARTBEAT_KEY)), 15_000, 200);
    expect(Date.now() - Date.parse(stamp)).toBeLessThan(20_000);
  });

  it('deletes keys spread over every master (the draft cleanup), which one multi-key DEL cannot on a cluster', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => redis.key('onboarding', 'draft', `spread-${i}`));
    await Promise.all(keys.map((key) => redis.client.set(key, '1')));
    const holders = await Promise.all((redis.client as Cluster).nodes('master').map(async (node) => (await node.keys(`${redis.prefix}:onboarding:draft:spread-*`)).length));
    expect(holders.filter((n) => n > 0).length).toBe(3);
    await expect(redis.client.del(...keys)).rejects.toThrow(/CROSSSLOT/);
    await redis.deleteKeys(keys);
    expect(await keysOnCluster(`${redis.prefix}:onboarding:draft:spread-*`)).toEqual([]);
  });
});
