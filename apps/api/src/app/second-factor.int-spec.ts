// Money and account actions need aal2 once a user has a second factor; operators always (DESIGN 17). Real tokens:
// supabase-js against the GoTrue stand-in (sign-up, TOTP enroll and verify), the API on a real database.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Aal2Guard, AuthModule, OperatorGuard, operatorCommand } from '@raptorflow/api-auth';
import { BillingModule } from '@raptorflow/api-billing';
import { OpsModule } from '@raptorflow/api-ops';
import { PaymentsModule } from '@raptorflow/api-payments';
import { HttpPlatformModule, QueueModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { startTestSandbox } from '@raptorflow/sandbox/testing';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import ws from 'ws';
import { AppModule } from './app.module';
import { moduleRoutes } from './testing/module-routes';

// Every route of the module tree, and whether it needs aal2: its own Aal2Guard, or the operator guard (which always does).
const routes = (module: object) => moduleRoutes(module).map(({ route, guards }) => ({ route, aal2: guards.some((g) => g === Aal2Guard || g === OperatorGuard) }));

describe('second factor (aal2) on money and account actions', () => {
  let sandbox: FastifyInstance;
  let url: string;
  let app: NestFastifyApplication;
  let pg: Client;
  let seq = 0;

  beforeAll(async () => {
    ({ sandbox, url } = await startTestSandbox());
    app = await createTestApp(
      { imports: [HttpPlatformModule, QueueModule, AuthModule, PaymentsModule, BillingModule, OpsModule] },
      {
        SUPABASE_URL: url,
        PHONEPE_OAUTH_BASE_URL: `${url}/phonepe`,
        PHONEPE_PG_BASE_URL: `${url}/phonepe`,
        PHONEPE_TIMEOUT_MS: '2000',
        RESEND_BASE_URL: `${url}/resend`,
        RATE_LIMIT_PER_MINUTE: '100000',
        REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:aal${Date.now()}`,
      },
    );
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await pg?.end();
  });

  const supabase = () =>
    createClient(url, 'sandbox-publishable-key', {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, token: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${path}`, headers: { authorization: `Bearer ${token}` }, payload });

  /** A founder signed up with supabase-js (an aal1 session), with their profile and workspace. */
  async function founder() {
    const email = `aal-${Date.now()}-${seq++}@example.test`;
    const client = supabase();
    const { data, error } = await client.auth.signUp({ email, password: 'correct-horse-battery' });
    if (error || !data.session) throw error ?? new Error('no session');
    expect((await call('POST', '/auth/ensure-profile', data.session.access_token)).statusCode).toBe(200);
    return { client, email, token: data.session.access_token };
  }

  /** Enrolls and verifies TOTP: the client's session is aal2 from here on. */
  async function enrollTotp(client: SupabaseClient) {
    const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp' });
    if (error) throw error;
    const verified = await client.auth.mfa.challengeAndVerify({ factorId: data.id, code: generateSync({ secret: data.totp.secret }) });
    if (verified.error) throw verified.error;
    return { factorId: data.id, secret: data.totp.secret, aal2Token: verified.data.access_token };
  }

  async function signInAgain(email: string) {
    const client = supabase();
    const { data, error } = await client.auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    if (error) throw error;
    return { client, token: data.session.access_token };
  }

  const details = { legalName: 'Acme Analytics Private Limited', address: '12 MG Road, Pune 411001', stateCode: '27', gstin: '' };
  // The founder's protected actions, each with a body that passes validation.
  const actions: [string, 'PUT' | 'POST' | 'DELETE', string, object?][] = [
    ['billing details', 'PUT', '/billing/details', details],
    ['checkout', 'POST', '/payments/initiate', { planId: 'starter', period: 'month' }],
    ['plan cancellation', 'POST', '/payments/subscription/cancel'],
    ['member removal', 'DELETE', '/workspace/members/00000000-0000-4000-8000-000000000000'],
    ['account deletion', 'DELETE', '/auth/account', { confirmEmail: 'nobody@example.test' }],
  ];

  it('are the billing, checkout, plan, refund, member-removal, account-deletion and every operator route', () => {
    const all = routes(AppModule);
    const ops = all.filter((r) => r.route.includes(' /ops/'));
    expect(ops.length).toBeGreaterThanOrEqual(10);
    expect(ops.filter((r) => !r.aal2)).toEqual([]);
    expect(all.filter((r) => r.aal2 && !ops.includes(r)).map((r) => r.route).sort()).toEqual(
      ['PUT /billing/details', 'POST /payments/initiate', 'POST /payments/autopay/setup', 'POST /payments/subscription/cancel', 'POST /payments/subscription/change', 'POST /payments/admin/refund', 'DELETE /workspace/members/:userId', 'DELETE /auth/account'].sort(),
    );
  });

  it('leaves users without a second factor as they were', async () => {
    const { token } = await founder();
    expect((await call('PUT', '/billing/details', token, details)).statusCode).toBe(200);
    expect((await call('POST', '/payments/initiate', token, { planId: 'starter', period: 'month' })).statusCode).toBe(201);
  });

  it('refuses an aal1 session of a user with a verified factor with 403 AAL2_REQUIRED, and accepts the aal2 one', async () => {
    const { client, email } = await founder();
    const { aal2Token } = await enrollTotp(client);
    // A fresh password sign-in after enrolling is aal1.
    const { token: aal1 } = await signInAgain(email);
    for (const [what, method, path, body] of actions) {
      const res = await call(method, path, aal1, body);
      expect([what, res.statusCode, res.json().code, res.json().details]).toEqual([what, 403, 'AAL2_REQUIRED', { factorEnrolled: true }]);
      expect(res.json().message).toMatch(/code from your authenticator app/);
    }
    // Reading is not an action: the aal1 session still reads.
    expect((await call('GET', '/billing/details', aal1)).statusCode).toBe(200);
    expect((await call('GET', '/auth/verify-profile', aal1)).statusCode).toBe(200);
    expect((await call('PUT', '/billing/details', aal1, details)).statusCode).toBe(403);
    expect((await pg.query('select 1 from workspace_billing_details b join workspaces w on w.id = b.workspace_id join users u on u.id = w.owner_id where u.email = $1', [email])).rowCount).toBe(0);

    expect((await call('PUT', '/billing/details', aal2Token, details)).statusCode).toBe(200);
    expect((await call('POST', '/payments/initiate', aal2Token, { planId: 'starter', period: 'month' })).statusCode).toBe(201);
    expect((await call('DELETE', '/workspace/members/00000000-0000-4000-8000-000000000000', aal2Token)).json().code).not.toBe('AAL2_REQUIRED');
    expect((await call('DELETE', '/auth/account', aal2Token, { confirmEmail: email })).statusCode).toBe(204);
  });

  it('the challenge after a fresh sign-in gives an aal2 session the API accepts', async () => {
    const { client, email } = await founder();
    const { factorId, secret } = await enrollTotp(client);
    const again = await signInAgain(email);
    expect((await call('PUT', '/billing/details', again.token, details)).statusCode).toBe(403);
    const verified = await again.client.auth.mfa.challengeAndVerify({ factorId, code: generateSync({ secret }) });
    expect((await call('PUT', '/billing/details', verified.data?.access_token as string, details)).statusCode).toBe(200);
  });

  it('operators need aal2 always: without a factor they are told to enroll one, then the aal2 session gets in', async () => {
    const { client, email, token } = await founder();
    await operatorCommand(pg, 'grant', email, 'second-factor.int-spec');
    const refused = await call('GET', '/ops/me', token);
    expect([refused.statusCode, refused.json().code, refused.json().details]).toEqual([403, 'AAL2_REQUIRED', { factorEnrolled: false }]);
    expect(refused.json().message).toMatch(/set it up under Settings, Two-factor authentication/);
    expect((await call('POST', '/payments/admin/refund', token, { merchantOrderId: 'RF_x' })).json().code).toBe('AAL2_REQUIRED');

    const { aal2Token, factorId } = await enrollTotp(client);
    expect((await call('GET', '/ops/me', aal2Token)).json()).toEqual({ operator: true, email });
    const aal1 = await signInAgain(email);
    expect((await call('GET', '/ops/me', aal1.token)).json()).toMatchObject({ code: 'AAL2_REQUIRED', details: { factorEnrolled: true } });
    // An aal2 token outliving its factor is not enough for an operator.
    await pg.query('delete from auth.mfa_factors where id = $1', [factorId]);
    expect((await call('GET', '/ops/me', aal2Token)).json()).toMatchObject({ code: 'AAL2_REQUIRED', details: { factorEnrolled: false } });
    // Non-operators are not told about operator rules.
    const stranger = await founder();
    expect((await call('GET', '/ops/me', stranger.token)).json().code).toBe('OPERATOR_REQUIRED');
  });
});
