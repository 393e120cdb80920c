import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import type { AccountSessionsResponse } from '@raptorflow/contracts';
import { randomUUID } from 'node:crypto';
import { asAuthAdmin, TestIdentityProvider } from '../testing';
import { AuthModule } from './auth.module';

const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_ON_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('GET /api/v1/account/sessions', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
  });

  const list = (token?: string) => app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: token ? { authorization: `Bearer ${token}` } : {} });

  // A GoTrue session as the stand-in writes it on sign-in: user agent, IP, and updated_at moved by each refresh.
  async function session(userId: string, userAgent: string | null, ip: string | null, { lastSeenMinutesAgo = 0, endedMinutesAgo }: { lastSeenMinutesAgo?: number; endedMinutesAgo?: number } = {}) {
    const id = randomUUID();
    await asAuthAdmin((c) =>
      c.query(
        `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip, not_after)
         values ($1, $2, now() - interval '1 day', now() - make_interval(mins => $5), 'aal1', $3, $4::inet,
           case when $6::int is null then null else now() - make_interval(mins => $6::int) end)`,
        [id, userId, userAgent, ip, lastSeenMinutesAgo, endedMinutesAgo ?? null],
      ),
    );
    return id;
  }

  it('lists only the caller\'s own active sessions, this device first, with device, IP and last seen', async () => {
    const founder = await idp.createUser();
    const stranger = await idp.createUser();
    const phone = await session(founder.id, SAFARI_ON_IOS, '203.0.113.7', { lastSeenMinutesAgo: 30 });
    const laptop = await session(founder.id, CHROME_ON_WINDOWS, '198.51.100.20', { lastSeenMinutesAgo: 5 });
    await session(founder.id, CHROME_ON_WINDOWS, '198.51.100.21', { endedMinutesAgo: 1 });
    const strangers = await session(stranger.id, CHROME_ON_WINDOWS, '192.0.2.1');
    // The token's own session: createUser signed one in (no user agent recorded).
    const res = await list(founder.token);

    expect(res.statusCode).toBe(200);
    const { sessions } = res.json<AccountSessionsResponse>();
    expect(sessions.map((s) => s.id)).not.toContain(strangers);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, device: 'Unknown device', ip: null });
    expect(sessions.slice(1)).toEqual([
      { id: laptop, device: 'Chrome on Windows', ip: '198.51.100.20', signedInAt: expect.any(String), lastSeenAt: expect.any(String), current: false },
      { id: phone, device: 'Safari on iOS', ip: '203.0.113.7', signedInAt: expect.any(String), lastSeenAt: expect.any(String), current: false },
    ]);
    expect(Date.now() - Date.parse(sessions[2].lastSeenAt)).toBeGreaterThan(29 * 60_000);

    const theirs = (await list(stranger.token)).json<AccountSessionsResponse>().sessions;
    expect(theirs.map((s) => s.id)).toContain(strangers);
    expect(theirs.map((s) => s.id)).not.toContain(laptop);
  });

  it('drops a session once GoTrue ends it (sign out of other sessions)', async () => {
    const founder = await idp.createUser();
    const other = await session(founder.id, SAFARI_ON_IOS, '203.0.113.8');
    expect((await list(founder.token)).json<AccountSessionsResponse>().sessions.map((s) => s.id)).toContain(other);
    await asAuthAdmin((c) => c.query('delete from auth.sessions where id = $1', [other]));
    expect((await list(founder.token)).json<AccountSessionsResponse>().sessions.map((s) => s.id)).not.toContain(other);
  });

  it('refuses a request without a token', async () => {
    const res = await list();
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'TOKEN_MISSING' });
  });
});
