// Security sweep over every route the API documents: token gating, forged and expired tokens, another tenant's ids,
// and row-level security on every table. Malformed input on every route: input-fuzz.int-spec.ts.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { generateKeyPair } from 'jose';
import { Client } from 'pg';
import { AppModule } from './app.module';
import { documentedRoutes, fillPath } from './documented-routes';

// Reachable without a user token, on purpose. Anything else answering without one is a bug.
const PUBLIC_ROUTES = new Set([
  'GET /api/v1/health',
  'GET /api/v1/health/ready',
  'GET /api/v1/public-config',
  'GET /api/v1/payments/plans',
  'GET /api/v1/payments/health',
  'POST /api/v1/payments/webhook',
  // An invitation link's preview, opened before signing in (shows only workspace, inviter and invited address).
  'GET /api/v1/invitations/:token',
]);

interface Route {
  method: string;
  path: string;
  key: string;
}

const SAMPLE_PARAMS: Record<string, string> = {
  stepId: 'company',
  merchantOrderId: 'RF_UNKNOWN_ORDER',
  userId: '00000000-0000-4000-8000-000000000000',
  id: '00000000-0000-4000-8000-000000000000',
  version: '1',
};

describe('security sweep', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;
  let routes: Route[];
  let user: TestUser;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [AppModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
    routes = (await documentedRoutes(app)).map((r) => ({ method: r.method, key: r.key, path: fillPath(r, (name) => SAMPLE_PARAMS[name] ?? 'x') }));
    user = await idp.createUser();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  const send = (route: Route, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: route.method as 'GET', url: route.path, headers: { 'content-type': 'application/json', ...headers }, payload: payload === undefined ? undefined : JSON.stringify(payload) });

  it('documents the routes it serves', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it('refuses every non-public route without a token, with a forged one and with an expired one', async () => {
    const forged = await idp.sign(user.id, user.email, { key: (await generateKeyPair('ES256')).privateKey });
    const expired = await idp.sign(user.id, user.email, { expiresIn: Math.floor(Date.now() / 1000) - 10 });
    const offenders: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r.key))) {
      for (const [label, headers] of [
        ['no token', {}],
        ['forged token', { authorization: `Bearer ${forged}` }],
        ['expired token', { authorization: `Bearer ${expired}` }],
        ['not bearer', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
      ] as const) {
        const res = await send(route, headers, route.method === 'GET' ? undefined : {});
        if (res.statusCode !== 401) offenders.push(`${route.key} with ${label}: ${res.statusCode}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('enables row-level security on every table and gives anon nothing', async () => {
    const tables = await pg.query(`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`);
    expect(tables.rows.length).toBeGreaterThan(5);
    expect(tables.rows.filter((t) => !t.relrowsecurity).map((t) => t.relname)).toEqual([]);
    const anon = await pg.query(`select table_name, privilege_type from information_schema.role_table_grants where grantee = 'anon' and table_schema = 'public'`);
    expect(anon.rows).toEqual([]);
  });

  it('shows an authenticated stranger no row of any table', async () => {
    const owner = await idp.createUser();
    await app.inject({ method: 'POST', url: '/api/v1/auth/ensure-profile', headers: { authorization: `Bearer ${owner.token}` } });
    const stranger = await idp.createUser();
    const tables = (await pg.query(`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`)).rows.map((r) => r.relname as string);
    await pg.query('begin');
    try {
      await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: stranger.id })]);
      for (const table of tables) {
        await pg.query('savepoint t');
        const visible = await pg.query(`select count(*)::int as n from public."${table}" where to_jsonb("${table}".*)::text like $1`, [`%${owner.id}%`]).then(
          (r) => r.rows[0].n as number,
          () => 0, // no grant at all is even better
        );
        await pg.query('rollback to savepoint t');
        expect({ table, visible }).toEqual({ table, visible: 0 });
      }
    } finally {
      await pg.query('rollback');
    }
  });

  it("never shows or changes one tenant's data to another, on any route", async () => {
    const tenant = async () => {
      const owner = await idp.createUser();
      await app.inject({ method: 'POST', url: '/api/v1/auth/ensure-profile', headers: { authorization: `Bearer ${owner.token}` } });
      const workspaceId = (await pg.query(`select id from workspaces where owner_id = $1`, [owner.id])).rows[0].id as string;
      await setSubscription(pg, workspaceId);
      return { owner, workspaceId };
    };
    // Tenant A: paid, with an admin, an invitation, a campaign with a move, a payment and a business context.
    const a = await tenant();
    const b = await tenant();
    const member = await idp.createUser();
    await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'admin')`, [a.workspaceId, member.id]);
    const invitation = (await pg.query(`insert into workspace_invitations (workspace_id, email, role) values ($1, 'invitee-a@example.com', 'member') returning id`, [a.workspaceId])).rows[0].id;
    const campaign = (
      await pg.query(
        `insert into campaigns (workspace_id, name, icp_id, goal, metric, target, start_date, end_date) values ($1, 'Tenant A secret launch', 'primary', 'leads', 'demos', 10, current_date, current_date + 30) returning id`,
        [a.workspaceId],
      )
    ).rows[0].id;
    const move = (
      await pg.query(
        `insert into moves (workspace_id, week, title, channel, type, effort_hours, source, status, campaign_id) values ($1, date_trunc('week', now())::date, 'Tenant A secret move', 'linkedin', 'content', 2, 'user', 'planned', $2) returning id`,
        [a.workspaceId, campaign],
      )
    ).rows[0].id;
    await pg.query(`insert into payment_transactions (merchant_order_id, workspace_id, user_id, plan_id, period, amount) values ('RF_TENANT_A_ORDER', $1, $2, 'growth', 'month', 999900)`, [a.workspaceId, a.owner.id]);
    await pg.query(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, 1, '{"company":{"companyName":"Tenant A Secret Co"}}', 1)`, [a.workspaceId]);

    const snapshot = async () =>
      (
        await pg.query(
          `select (select jsonb_agg(to_jsonb(t) order by t.user_id) from workspace_members t where workspace_id = $1) as members,
                  (select jsonb_agg(to_jsonb(t)) from workspace_invitations t where workspace_id = $1) as invitations,
                  (select jsonb_agg(to_jsonb(t)) from campaigns t where workspace_id = $1) as campaigns,
                  (select jsonb_agg(to_jsonb(t)) from moves t where workspace_id = $1) as moves,
                  (select jsonb_agg(to_jsonb(t)) from payment_transactions t where workspace_id = $1) as payments,
                  (select to_jsonb(t) from workspaces t where id = $1) as workspace`,
          [a.workspaceId],
        )
      ).rows[0];
    const before = await snapshot();

    // Every documented route, as B, aimed at A's resources wherever a route takes an id.
    const idFor = (name: string, path: string) =>
      ({ userId: member.id, merchantOrderId: 'RF_TENANT_A_ORDER', version: '1', stepId: 'company' })[name] ??
      (path.startsWith('/api/v1/campaigns') ? campaign : path.includes('/invitations/') ? invitation : move);
    const targetsOfA = [move, campaign, invitation, member.id, 'RF_TENANT_A_ORDER'];
    const secrets = [a.workspaceId, a.owner.id, a.owner.email, member.email, ...targetsOfA, 'Tenant A secret', 'Tenant A Secret Co'];
    const bodies: unknown[] = [{}, { role: 'member', name: 'hijacked', status: 'done', moveIds: [move], campaignId: campaign, merchantOrderId: 'RF_TENANT_A_ORDER' }];
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(r.key) && r.key !== 'DELETE /api/v1/auth/account')) {
      const template = route.key.replace(/^\S+ /, '');
      const path = template.replace(/:(\w+)/g, (_, name: string) => idFor(name, template));
      for (const body of route.method === 'GET' ? [undefined] : bodies) {
        const res = await send({ ...route, path }, { authorization: `Bearer ${b.owner.token}` }, body);
        // What B sent may be echoed back ("order X not found"); anything else of A's must not appear.
        const sent = `${path} ${JSON.stringify(body ?? null)}`;
        const seen = secrets.filter((secret) => res.body.includes(secret) && !sent.includes(secret));
        if (seen.length) leaks.push(`${route.key} -> ${res.statusCode} shows ${seen.join(', ')}`);
        if (targetsOfA.some((id) => path.includes(id)) && res.statusCode < 400) leaks.push(`${route.key} on A's resource -> ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
