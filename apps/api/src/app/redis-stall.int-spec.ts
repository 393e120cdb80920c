// Drill: Redis stops answering without closing its connections. Requests still answer from Postgres within the
// deadlines, and no request holds a Postgres transaction open while it waits on Redis (the pool has 10 connections).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setSubscription, TestIdentityProvider } from '@raptorflow/api-auth/testing';
import { createTestApp, TcpProxy } from '@raptorflow/api-platform/testing';
import { SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';
import { Client } from 'pg';
import { AppModule } from './app.module';

describe('drill: Redis stalls', () => {
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
      { SUPABASE_URL: idp.url, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_PER_MINUTE: '100000', REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:stall${Date.now()}` },
    );
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    proxy?.thaw();
    await app?.close();
    await proxy?.cut();
    await idp?.close();
    await pg?.end();
  });

  it('reads onboarding answers from Postgres without holding a transaction open while Redis does not answer', async () => {
    const user = await idp.createUser();
    const headers = { authorization: `Bearer ${user.token}` };
    const ws = (await app.inject({ method: 'POST', url: '/api/v1/auth/ensure-profile', headers })).json().workspace.id;
    await setSubscription(pg, ws);
    const saved = await app.inject({ method: 'PUT', url: '/api/v1/onboarding/steps/company', headers, payload: { answers: SAMPLE_BUSINESS_CONTEXT.company, complete: true } });
    expect(saved.statusCode).toBe(200);

    proxy.freeze();
    let settled = false;
    const read = app.inject({ method: 'GET', url: '/api/v1/onboarding', headers }).finally(() => (settled = true));
    // A transaction idle for this long is waiting on something outside Postgres.
    const stuck: number[] = [];
    while (!settled) {
      const { rows } = await pg.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state = 'idle in transaction' and now() - state_change > interval '300 milliseconds'`,
      );
      stuck.push(rows[0].n);
      await Promise.race([read, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    const res = await read;
    expect(res.statusCode).toBe(200);
    expect(res.json().answers.company).toEqual(SAMPLE_BUSINESS_CONTEXT.company);
    expect(stuck.filter((n) => n > 0)).toEqual([]);
  });
});
