// Sessions are revocable: a token whose GoTrue session ended is refused within seconds, before it expires.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { asAuthAdmin } from '@raptorflow/api-auth/testing';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp, eventually } from '@raptorflow/api-platform/testing';
import { createClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import ws from 'ws';
import { startTestSandbox } from '@raptorflow/sandbox/testing';

const REVOCATION_DEADLINE_MS = 5_000;

describe('session revocation', () => {
  let sandbox: FastifyInstance;
  let url: string;
  let app: NestFastifyApplication;
  let other: NestFastifyApplication;
  let pg: Client;

  beforeAll(async () => {
    ({ sandbox, url } = await startTestSandbox());
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule] }, { SUPABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000' });
    // A second API instance: revocation must reach every instance, each with its own caches.
    other = await createTestApp({ imports: [HttpPlatformModule, AuthModule] }, { SUPABASE_URL: url, RATE_LIMIT_PER_MINUTE: '100000' });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.close();
    await other?.close();
    await sandbox?.close();
    await pg?.end();
  });

  const supabase = () =>
    createClient(url, 'sandbox-publishable-key', {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });

  async function signIn(email: string) {
    const client = supabase();
    const { data, error } = await client.auth.signUp({ email, password: 'correct-horse-battery' });
    if (error || !data.session) throw error ?? new Error('no session');
    return { client, token: data.session.access_token, userId: data.session.user.id };
  }

  const status = async (token: string, instance = app) =>
    (await instance.inject({ method: 'GET', url: '/api/v1/auth/verify-profile', headers: { authorization: `Bearer ${token}` } })).statusCode;

  // Waits until the token is refused; fails if that takes longer than the deadline.
  async function refusedWithin(token: string, instance = app): Promise<void> {
    await eventually(async () => (await status(token, instance)) === 401, REVOCATION_DEADLINE_MS, 100);
  }

  it('refuses the token of a session ended by logout (supabase-js signOut) on every instance, and keeps the other sessions', async () => {
    const email = `logout-${Date.now()}@example.com`;
    const first = await signIn(email);
    const second = supabase();
    const { data } = await second.auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    const otherToken = data.session?.access_token as string;
    expect(await status(first.token)).toBe(200);
    expect(await status(first.token, other)).toBe(200);
    expect(await status(otherToken)).toBe(200);

    expect((await first.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    await Promise.all([refusedWithin(first.token), refusedWithin(first.token, other)]);
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/verify-profile', headers: { authorization: `Bearer ${first.token}` } });
    expect(res.json().code).toBe('SESSION_ENDED');
    expect(await status(otherToken)).toBe(200);
  });

  it('refuses every token of a banned user and of a deleted account', async () => {
    const banned = await signIn(`banned-${Date.now()}@example.com`);
    const deleted = await signIn(`deleted-${Date.now()}@example.com`);
    expect(await status(banned.token)).toBe(200);
    expect(await status(deleted.token)).toBe(200);

    await asAuthAdmin((c) => c.query(`update auth.users set banned_until = now() + interval '1 day' where id = $1`, [banned.userId]));
    await asAuthAdmin((c) => c.query('delete from auth.users where id = $1', [deleted.userId]));
    await refusedWithin(banned.token);
    await refusedWithin(deleted.token);
  });

  it('ends the other sessions when the password changes (as GoTrue does)', async () => {
    const email = `password-${Date.now()}@example.com`;
    const changer = await signIn(email);
    const other = supabase();
    const { data } = await other.auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    const otherToken = data.session?.access_token as string;
    expect(await status(otherToken)).toBe(200);

    expect((await changer.client.auth.updateUser({ password: 'another-horse-battery' })).error).toBeNull();
    await refusedWithin(otherToken);
    expect(await status(changer.token)).toBe(200);
  });
});
