// Drill: Redis goes away while users are saving onboarding answers, then comes back. Nothing is lost,
// readiness reports the outage, and the API recovers without a restart.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setSubscription, TestIdentityProvider } from '@raptorflow/api-auth/testing';
import { createTestApp, eventually, TcpProxy } from '@raptorflow/api-platform/testing';
import { ONBOARDING_STEPS, SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';
import { Client } from 'pg';
import { AppModule } from './app.module';

describe('drill: Redis outage under load', () => {
  let idp: TestIdentityProvider;
  let proxy: TcpProxy;
  let app: NestFastifyApplication;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    const redis = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    proxy = await TcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    app = await createTestApp(
      { imports: [AppModule] },
      { SUPABASE_URL: idp.url, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_PER_MINUTE: '100000', REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:drill${Date.now()}` },
    );
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.cut();
    await idp?.close();
    await pg?.end();
  });

  it('keeps every saved answer through the outage and recovers by itself', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => idp.createUser()));
    for (const user of users) {
      const ws = (await app.inject({ method: 'POST', url: '/api/v1/auth/ensure-profile', headers: { authorization: `Bearer ${user.token}` } })).json().workspace.id;
      await setSubscription(pg, ws);
    }
    const steps = ONBOARDING_STEPS.slice(0, 12);
    const statuses: number[] = [];
    const readiness: string[] = [];
    const save = (token: string, stepId: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/onboarding/steps/${stepId}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { answers: (SAMPLE_BUSINESS_CONTEXT as unknown as Record<string, unknown>)[stepId], complete: true },
      });

    for (const [i, step] of steps.entries()) {
      if (i === 4) await proxy.cut();
      if (i === 8) await proxy.resume();
      const results = await Promise.all(users.map((u) => save(u.token, step.id)));
      statuses.push(...results.map((r) => r.statusCode));
      const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      // Redis down alone keeps the instance in the load balancer (200), reporting itself degraded.
      expect(ready.statusCode).toBe(200);
      readiness.push(ready.json().status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(readiness.slice(4, 8)).toContain('degraded');

    // Recovered without a restart: Redis answers again within a few seconds.
    await eventually(async () => (await app.inject({ method: 'GET', url: '/api/v1/health/ready' })).json().status === 'ok', 10_000, 250);

    for (const user of users) {
      const state = (await app.inject({ method: 'GET', url: '/api/v1/onboarding', headers: { authorization: `Bearer ${user.token}` } })).json();
      expect(state.completedSteps).toEqual(steps.map((s) => s.id));
      expect(state.answers.company).toEqual(SAMPLE_BUSINESS_CONTEXT.company);
    }
  }, 120_000);
});
