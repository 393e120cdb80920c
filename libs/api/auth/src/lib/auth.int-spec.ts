import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { generateKeyPair } from 'jose';
import { Client } from 'pg';
import { asAuthAdmin, setSubscription as subscribe, TestIdentityProvider, TestUser } from '../testing';
import { AuthModule } from './auth.module';

describe('auth & profiles API', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token?: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {}, payload });

  const setSubscription = (workspaceId: string, status: string, endsInDays: number, plan = 'growth') => subscribe(pg, workspaceId, status, endsInDays, plan);

  describe('token gating', () => {
    it('refuses a request without a token, naming the problem', async () => {
      const res = await call('GET', '/auth/verify-profile');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'TOKEN_MISSING' });
    });

    it.each([
      ['malformed', async () => 'not-a-jwt'],
      ['expired', async (u: TestUser) => idp.sign(u.id, u.email, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
      ['for the anon audience', async (u: TestUser) => idp.sign(u.id, u.email, { audience: 'anon' })],
      ['from another issuer', async (u: TestUser) => idp.sign(u.id, u.email, { issuer: 'https://evil.example.com/auth/v1' })],
      ['signed by an unknown key', async (u: TestUser) => idp.sign(u.id, u.email, { key: (await generateKeyPair('ES256')).privateKey })],
    ])('refuses a token that is %s and creates nothing', async (kind, makeToken) => {
      const user = await idp.createUser();
      await pg.query('delete from users where id = $1', [user.id]);
      const res = await call('POST', '/auth/ensure-profile', await makeToken(user));
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe(kind === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
      expect((await pg.query('select 1 from users where id = $1', [user.id])).rowCount).toBe(0);
    });

    it('refuses a token once it expires, even after accepting it many times', async () => {
      const user = await idp.createUser();
      const exp = Math.floor(Date.now() / 1000) + 2;
      const token = await idp.sign(user.id, user.email, { expiresIn: exp });
      for (let i = 0; i < 3; i++) expect((await call('POST', '/auth/ensure-profile', token)).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 100));
      const res = await call('GET', '/auth/verify-profile', token);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('TOKEN_EXPIRED');
    });

    it('refuses a valid token whose auth user was deleted', async () => {
      const user = await idp.createUser();
      await asAuthAdmin((c) => c.query('delete from auth.users where id = $1', [user.id]));
      const res = await call('POST', '/auth/ensure-profile', user.token);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SESSION_ENDED');
    });

    it('serves the public config without a token', async () => {
      const res = await call('GET', '/public-config');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ supabaseUrl: idp.url, supabasePublishableKey: expect.any(String) });
    });
  });

  describe('profiles', () => {
    it('creates profile, personal workspace and owner membership on sign-up, with a sequential UCID', async () => {
      const a = await idp.createUser(undefined, 'Asha Rao');
      const b = await idp.createUser();
      const res = await call('GET', '/auth/verify-profile', a.token);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.profile).toMatchObject({ id: a.id, email: a.email, fullName: 'Asha Rao', ucid: expect.stringMatching(/^RF-\d{4}-\d{4,}$/) });
      expect(body.workspace).toMatchObject({ name: "Asha Rao's workspace", role: 'owner', ownerId: a.id, onboardingStatus: 'not_started' });
      expect(body.subscription).toMatchObject({ status: 'none', readOnly: false });
      expect(body.next).toBe('payment');
      const ucidB = (await call('GET', '/auth/verify-profile', b.token)).json().profile.ucid;
      expect(Number(ucidB.split('-')[2])).toBe(Number(body.profile.ucid.split('-')[2]) + 1);
      expect(body.profile.ucid.split('-')[1]).toBe(String(new Date().getFullYear()));
      // The sign-up trigger leaves the user in their own workspace.
      expect((await pg.query('select current_workspace_id from users where id = $1', [a.id])).rows[0].current_workspace_id).toBe(body.workspace.id);
    });

    it('ensure-profile is idempotent under concurrent calls and repairs a missing profile', async () => {
      const user = await idp.createUser();
      await pg.query('delete from workspaces where owner_id = $1', [user.id]);
      await pg.query('delete from users where id = $1', [user.id]);
      const results = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/auth/ensure-profile', user.token)));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
      expect(new Set(results.map((r) => r.json().workspace.id)).size).toBe(1);
      const counts = await pg.query(
        `select (select count(*) from users where id = $1)::int as profiles, (select count(*) from workspaces where owner_id = $1)::int as workspaces,
                (select count(*) from workspace_members where user_id = $1)::int as memberships`,
        [user.id],
      );
      expect(counts.rows[0]).toEqual({ profiles: 1, workspaces: 1, memberships: 1 });
    });

    it.each([
      ['no subscription', null, 'not_started', 'payment', false],
      ['an active subscription, not onboarded', ['active', 20], 'not_started', 'onboarding', false],
      ['a trial, onboarding in progress', ['trialing', 5], 'in_progress', 'onboarding', false],
      ['an active subscription, onboarded', ['active', 20], 'completed', 'app', false],
      ['a period that ended yesterday (grace)', ['active', -1], 'completed', 'app', true],
      ['a period that ended 5 days ago', ['active', -5], 'completed', 'payment', false],
    ] as const)('with %s the next step is the one named', async (_, sub, onboarding, next, readOnly) => {
      const user = await idp.createUser();
      const { workspace } = (await call('POST', '/auth/ensure-profile', user.token)).json();
      if (sub) await setSubscription(workspace.id, sub[0], sub[1]);
      await pg.query('update workspaces set onboarding_status = $2 where id = $1', [workspace.id, onboarding]);
      const body = (await call('GET', '/auth/verify-profile', user.token)).json();
      expect(body.next).toBe(next);
      expect(body.subscription.readOnly).toBe(readOnly);
    });
  });

  describe('workspace', () => {
    it('lets the owner rename it, rejects a bad name naming the field, and hides it from others', async () => {
      const owner = await idp.createUser();
      const other = await idp.createUser();
      const renamed = await call('PATCH', '/workspace', owner.token, { name: '  Acme Growth  ' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('Acme Growth');
      const bad = await call('PATCH', '/workspace', owner.token, { name: '', extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(bad.json().message).toMatch(/name/);
      expect(bad.json().message).toMatch(/extra/);
      expect((await call('GET', '/workspace', other.token)).json().name).not.toBe('Acme Growth');
    });

    it('invites within the seat limit; only the invitee accepts, once; roles change; the owner is protected', async () => {
      const owner = await idp.createUser();
      const { workspace } = (await call('POST', '/auth/ensure-profile', owner.token)).json();
      const noSeats = await call('POST', '/workspace/invitations', owner.token, { email: 'nobody@example.com', role: 'member' });
      expect(noSeats.statusCode).toBe(403);
      expect(noSeats.json().code).toBe('SEAT_LIMIT_REACHED');

      await setSubscription(workspace.id, 'active', 30, 'growth');
      const email = `invitee-${Date.now()}@example.com`;
      const invite = await call('POST', '/workspace/invitations', owner.token, { email: email.toUpperCase(), role: 'member' });
      expect(invite.statusCode).toBe(201);
      expect(invite.json()).toMatchObject({ email, role: 'member', token: expect.stringMatching(/^[\w-]{43}$/) });
      const { token } = invite.json();
      expect((await call('POST', '/workspace/invitations', owner.token, { email, role: 'admin' })).json().code).toBe('ALREADY_INVITED');
      expect((await call('POST', '/workspace/invitations', owner.token, { email: 'not-an-email', role: 'owner' })).statusCode).toBe(400);
      const accept = (user: TestUser, t = token) => call('POST', `/invitations/${t}/accept`, user.token);
      const memberEmails = async () => (await call('GET', '/workspace/members', owner.token)).json().members.map((m: { email: string }) => m.email);

      // Signing up with the invited address joins nothing; an unconfirmed address, another account or a made-up token cannot accept.
      const unconfirmed = await idp.createUser(email.replace('invitee', 'unconfirmed'), 'Unconfirmed', { confirmed: false });
      await pg.query('update workspace_invitations set email = $1 where workspace_id = $2', [unconfirmed.email, workspace.id]);
      expect((await accept(unconfirmed)).json().code).toBe('EMAIL_NOT_CONFIRMED');
      await pg.query('update workspace_invitations set email = $1 where workspace_id = $2', [email, workspace.id]);
      const invitee = await idp.createUser(email);
      expect(await memberEmails()).toEqual([owner.email]);
      expect((await accept(await idp.createUser())).json().code).toBe('INVITATION_EMAIL_MISMATCH');
      expect((await accept(invitee, 'x'.repeat(43))).json().code).toBe('INVITATION_NOT_FOUND');
      expect((await accept(invitee, 'not a token')).statusCode).toBe(400);
      await pg.query(`update workspace_invitations set expires_at = now() - interval '1 second' where workspace_id = $1`, [workspace.id]);
      expect((await accept(invitee)).json().code).toBe('INVITATION_EXPIRED');
      await pg.query(`update workspace_invitations set expires_at = now() + interval '7 days' where workspace_id = $1`, [workspace.id]);

      const accepted = await accept(invitee);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ id: workspace.id, role: 'member' });
      expect((await call('GET', '/auth/verify-profile', invitee.token)).json().workspace.id).toBe(workspace.id);
      expect((await accept(invitee)).json().code).toBe('INVITATION_NOT_FOUND');
      const members = (await call('GET', '/workspace/members', owner.token)).json();
      expect(members.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
        [owner.email, 'owner'],
        [email, 'member'],
      ]);
      expect(members.invitations).toEqual([]);

      // A member may not manage; the owner can promote; nobody can demote or remove the owner.
      expect((await call('PATCH', `/workspace/members/${owner.id}`, invitee.token, { role: 'member' })).statusCode).toBe(403);
      expect((await call('PATCH', `/workspace/members/${invitee.id}`, owner.token, { role: 'admin' })).statusCode).toBe(204);
      const ownerChange = await call('PATCH', `/workspace/members/${owner.id}`, invitee.token, { role: 'member' });
      expect(ownerChange.json().code).toBe('OWNER_IMMUTABLE');
      expect((await call('DELETE', `/workspace/members/${owner.id}`, invitee.token)).json().code).toBe('OWNER_IMMUTABLE');
      expect((await call('DELETE', `/workspace/members/${invitee.id}`, owner.token)).statusCode).toBe(204);
      expect((await call('GET', '/workspace/members', owner.token)).json().members).toHaveLength(1);
    });
  });

  describe('account deletion', () => {
    it('needs the account email typed as confirmation, then really deletes everything but the money records', async () => {
      const owner = await idp.createUser();
      const { workspace } = (await call('POST', '/auth/ensure-profile', owner.token)).json();
      await setSubscription(workspace.id, 'active', 30, 'growth');
      await pg.query(
        `insert into payment_transactions (merchant_order_id, workspace_id, user_id, plan_id, period, amount, state, completed_at)
         values ($1, $2, $3, 'growth', 'month', 999900, 'COMPLETED', now())`,
        [`RF_DEL_${Date.now()}`, workspace.id, owner.id],
      );
      const wrong = await call('DELETE', '/auth/account', owner.token, { confirmEmail: 'someone-else@example.com' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().message).toMatch(/confirmEmail/);
      expect((await pg.query('select 1 from users where id = $1', [owner.id])).rowCount).toBe(1);

      expect((await call('DELETE', '/auth/account', owner.token, { confirmEmail: owner.email.toUpperCase() })).statusCode).toBe(204);
      const left = await pg.query(
        `select (select count(*) from auth.users where id = $1)::int as auth, (select count(*) from users where id = $1)::int as profiles,
                (select count(*) from workspaces where id = $2)::int as workspaces, (select count(*) from subscriptions where workspace_id = $2)::int as subs,
                (select count(*) from payment_transactions where user_id is null and workspace_id is null and amount = 999900 and merchant_order_id like 'RF_DEL_%')::int as payments`,
        [owner.id, workspace.id],
      );
      expect(left.rows[0]).toEqual({ auth: 0, profiles: 0, workspaces: 0, subs: 0, payments: expect.any(Number) });
      expect(left.rows[0].payments).toBeGreaterThanOrEqual(1);
      expect((await call('POST', '/auth/ensure-profile', owner.token)).json().code).toBe('SESSION_ENDED');
    });

    it('asks for a recent sign-in: a session signed in 10 minutes ago deletes nothing until the password is given again', async () => {
      const owner = await idp.createUser();
      const stale = await idp.sign(owner.id, owner.email, { authenticatedAt: new Date(Date.now() - 10 * 60_000) });
      const refused = await call('DELETE', '/auth/account', stale, { confirmEmail: owner.email });
      expect([refused.statusCode, refused.json().code]).toEqual([403, 'REAUTHENTICATION_REQUIRED']);
      expect((await pg.query('select 1 from auth.users where id = $1', [owner.id])).rowCount).toBe(1);
      // Signing in again (a new session) is recent.
      const fresh = await idp.sign(owner.id, owner.email);
      expect((await call('DELETE', '/auth/account', fresh, { confirmEmail: owner.email })).statusCode).toBe(204);
      expect((await pg.query('select 1 from auth.users where id = $1', [owner.id])).rowCount).toBe(0);
    });
  });

  describe('row-level security', () => {
    it('a second user cannot read or change the first one’s rows, through SQL as authenticated', async () => {
      const a = await idp.createUser();
      const b = await idp.createUser();
      const wsA = (await call('POST', '/auth/ensure-profile', a.token)).json().workspace.id;
      await setSubscription(wsA, 'active', 30);
      await pg.query('begin');
      try {
        await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: b.id })]);
        const seen = await pg.query(
          `select (select count(*) from users where id = $1)::int as users, (select count(*) from workspaces where id = $2)::int as workspaces,
                  (select count(*) from workspace_members where workspace_id = $2)::int as members, (select count(*) from subscriptions where workspace_id = $2)::int as subs`,
          [a.id, wsA],
        );
        expect(seen.rows[0]).toEqual({ users: 0, workspaces: 0, members: 0, subs: 0 });
        expect((await pg.query(`update workspaces set name = 'pwned' where id = $1`, [wsA])).rowCount).toBe(0);
        expect((await pg.query(`delete from workspace_members where workspace_id = $1`, [wsA])).rowCount).toBe(0);
        const refused = async (text: string, params: unknown[]) => {
          await pg.query('savepoint attempt');
          const error = await pg.query(text, params).then(() => null, (e: Error) => e.message);
          await pg.query('rollback to savepoint attempt');
          return error;
        };
        expect(await refused(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [wsA, b.id])).toMatch(/permission denied/);
        expect(
          await refused(
            `insert into subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end) values ($1, 'pro', 'year', 'active', now(), now() + interval '1 year')`,
            [wsA],
          ),
        ).toMatch(/permission denied/);
        expect(await refused(`select public.ensure_profile($1)`, [b.id])).toMatch(/permission denied/);
        // Not even the owner adds someone to the workspace: only the invitee's acceptance does.
        await pg.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: a.id })]);
        expect(await refused(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [wsA, b.id])).toMatch(/permission denied/);
      } finally {
        await pg.query('rollback');
      }
      expect((await pg.query('select name from workspaces where id = $1', [wsA])).rows[0].name).not.toBe('pwned');
    });

    it('through the API, a user only ever sees their own workspace', async () => {
      const a = await idp.createUser();
      const b = await idp.createUser();
      const wsA = (await call('GET', '/workspace', a.token)).json();
      const wsB = (await call('GET', '/workspace', b.token)).json();
      expect(wsA.id).not.toBe(wsB.id);
      expect((await call('DELETE', `/workspace/members/${a.id}`, b.token)).statusCode).toBe(404);
    });
  });
});
