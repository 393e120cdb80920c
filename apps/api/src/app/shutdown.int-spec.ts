// Drill: the API is stopped (as on SIGTERM) while requests on kept-alive connections are in flight. They still get
// their answers, and the stop completes (a connection that turned idle after the stop began used to hold it forever).
import type { AddressInfo } from 'node:net';
import { setSubscription, TestIdentityProvider } from '@raptorflow/api-auth/testing';
import { createTestApp, eventually } from '@raptorflow/api-platform/testing';
import { Client } from 'pg';
import { AppModule } from './app.module';

describe('drill: shutdown with requests in flight', () => {
  let idp: TestIdentityProvider;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await idp?.close();
    await pg?.end();
  });

  it('answers requests that arrived before the stop, then closes', async () => {
    const user = await idp.createUser();
    await setSubscription(pg, (await pg.query('select id from workspaces where owner_id = $1', [user.id])).rows[0].id);
    const app = await createTestApp({ imports: [AppModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;

    // The first token check waits for the key set, held until the stop has begun: these requests are inside the API
    // when it starts and are answered only after the server stopped listening.
    const releaseKeys = idp.holdKeys();
    let arrived = 0;
    app.getHttpServer().on('request', () => arrived++);
    // Kept-alive connections, as browsers and load balancers use.
    const headers = { authorization: `Bearer ${user.token}` };
    const inFlight = [fetch(`${url}/auth/verify-profile`, { headers }), fetch(`${url}/onboarding`, { headers }), fetch(`${url}/context/bcm`, { headers })];
    await eventually(() => arrived === 3);
    const closed = app.close();
    await eventually(() => !app.getHttpServer().listening);
    releaseKeys();
    const answers = await Promise.all(inFlight);
    await closed;

    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await answers[0].json()).workspace.ownerId).toBe(user.id);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
