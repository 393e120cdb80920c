// Malformed input on every documented route, as a founder who has paid and finished onboarding (so requests get past
// the access checks to validation, services and SQL): bodies, path params and query strings never give a 5xx, and the
// API is healthy afterwards.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { buildBcm } from '@raptorflow/api-bcm';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { SAMPLE_BUSINESS_CONTEXT, STEP_IDS } from '@raptorflow/contracts';
import { Client } from 'pg';
import type { InjectOptions } from 'light-my-request';
import { AppModule } from './app.module';
import { DocumentedRoute, documentedRoutes, fillPath, JsonSchema } from './documented-routes';
import { moduleRoutes } from './testing/module-routes';

const nested = (depth: number, leaf: unknown, wrap: (inner: string) => string): string => {
  let text = JSON.stringify(leaf);
  for (let i = 0; i < depth; i++) text = wrap(text);
  return text;
};
const DEEP_ARRAY = nested(20_000, 1, (inner) => `[${inner}]`);
const DEEP_OBJECT = nested(10_000, 'x', (inner) => `{"a":${inner}}`);

// Values that replace one field of an otherwise well-formed body.
const BAD_VALUES: unknown[] = [
  null,
  '',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  'lone \udfff low surrogate',
  'bell\u0007 and escape\u001b',
  'right-to-left \u202e override',
  '👍🏽 emoji',
  'x'.repeat(5_000),
  "'; drop table users; --",
  '<script>alert(1)</script>',
  'a@b',
  '2026-02-30',
  '00000000-0000-0000-0000-000000000000',
  0,
  -1,
  1.5,
  1e308,
  2 ** 53 + 1,
  true,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
];

// Whole bodies, sent as JSON text (or raw bytes) whatever the route expects.
const BAD_BODIES: (string | Buffer)[] = [
  'null',
  '[]',
  '{}',
  '"a string"',
  '42',
  'true',
  '{',
  '{"a":}',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '"\\u0000"',
  '{"\\u0000":"key with a NUL"}',
  '{"\\ud800":"key with a lone surrogate"}',
  DEEP_ARRAY,
  DEEP_OBJECT,
  `{"answers":${DEEP_OBJECT}}`,
  `{"name":"${'x'.repeat(300 * 1024)}"}`,
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), // {"name":"<invalid UTF-8>"}
];

const BAD_PARAMS = [
  'x',
  ' ',
  '%00',
  '%ED%A0%80', // a UTF-16 surrogate encoded as UTF-8: not valid UTF-8
  '%C0%AF',
  '%FF',
  '%E2%80%AE',
  '%ZZ',
  '..%2F..%2Fetc',
  'a'.repeat(5_000),
  '-1',
  '0',
  '1.5',
  '1e3',
  '99999999999999999999',
  'NaN',
  'null',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "'%20or%201=1",
];

const BAD_QUERIES = [
  'week=%00',
  'week=2026-13-01',
  'week=',
  'week=a&week=b',
  'week[]=2026-01-05',
  'week[a]=b',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  '%ZZ=1',
  'week=%ED%A0%80',
  'week=%FF%FE',
  `week=${'x'.repeat(8_000)}`,
  'unknown=1',
];

const BAD_HEADERS = ['', ' ', '*', '"', 'W/"x"', '"a", "b", W/"c"', ',,,', `"${'x'.repeat(8_000)}"`, 'Basic abc'];

const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/jsonx'];

/** A plausible value for a documented property, so that the other fields of a mutated body are well-formed. */
function plausible(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.nullable) return null;
  if (schema.enum?.length) return schema.enum[0];
  return { number: 1, integer: 1, boolean: true, array: [], object: {} }[schema.type ?? ''] ?? 'x';
}

const plausibleBody = (schema: JsonSchema) => Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, plausible(property)]));

/** Bodies that are well-formed except for one field, for every documented field (and one level into object fields). */
function mutatedBodies(schema: JsonSchema): unknown[] {
  const properties = Object.entries(schema.properties ?? {});
  const base = plausibleBody(schema);
  const everyFieldNull = Object.fromEntries(properties.map(([name]) => [name, null]));
  return [
    everyFieldNull,
    ...properties.flatMap(([name, property]) => {
      const inner = property.example && typeof property.example === 'object' ? Object.keys(property.example) : [];
      return [
        ...BAD_VALUES.map((value) => ({ ...base, [name]: value })),
        ...inner.flatMap((key) => BAD_VALUES.map((value) => ({ ...base, [name]: { ...(property.example as object), [key]: value } }))),
      ];
    }),
  ];
}

describe('input fuzzing', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;
  let routes: DocumentedRoute[];
  let founder: TestUser;
  let ids: Record<string, string>;

  const api = (method: InjectOptions['method'], url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${founder.token}` }, payload });

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [AppModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '1000000' });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    routes = await documentedRoutes(app);

    // A paying founder with a finished onboarding, a teammate, an invitation, a campaign with a move and a payment.
    founder = await idp.createUser();
    const workspaceId = (await pg.query('select id from workspaces where owner_id = $1', [founder.id])).rows[0].id as string;
    await setSubscription(pg, workspaceId);
    for (const stepId of STEP_IDS) expect((await api('PUT', `/onboarding/steps/${stepId}`, { answers: SAMPLE_BUSINESS_CONTEXT[stepId] ?? {} })).statusCode).toBe(200);
    expect((await api('POST', '/onboarding/finalize')).statusCode).toBeLessThan(300);
    // The manifest the worker would build from that context, so moves can be generated.
    const manifest = buildBcm(SAMPLE_BUSINESS_CONTEXT, { version: 1, sourceContextVersion: 1, generatedAt: new Date().toISOString() });
    await pg.query(`insert into bcm_manifests (workspace_id, version, source_context_version, schema_version, manifest, checksum) values ($1, 1, 1, $2, $3, $4)`, [
      workspaceId,
      manifest.schemaVersion,
      JSON.stringify(manifest),
      manifest.checksum,
    ]);
    const teammate = await idp.createUser();
    await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [workspaceId, teammate.id]);
    const invitation = (await api('POST', '/workspace/invitations', { email: 'invitee-fuzz@example.com', role: 'member' })).json();
    const campaign = (await api('POST', '/campaigns', { name: 'Launch', icpId: 'primary', goal: 'leads', metric: 'demos', target: 10, startDate: '2026-01-05', endDate: '2026-03-31' })).json();
    const move = (await api('POST', '/moves', { week: '2026-01-05', title: 'Post', channel: 'linkedin', type: 'content', effortHours: 2, campaignId: campaign.id })).json();
    await pg.query(`insert into payment_transactions (merchant_order_id, workspace_id, user_id, plan_id, period, amount) values ('RF_FUZZ_ORDER', $1, $2, 'growth', 'month', 999900)`, [workspaceId, founder.id]);
    ids = { userId: teammate.id, move: move.id, campaign: campaign.id, invitation: invitation.id, merchantOrderId: 'RF_FUZZ_ORDER', version: '1', stepId: 'company' };
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  // Well-formed path params: the founder's own resources, so a malformed body reaches the service and its SQL.
  const ownId = (route: DocumentedRoute) => (param: string) =>
    param !== 'id' ? ids[param] : ids[route.template.startsWith('/api/v1/campaigns') ? 'campaign' : route.template.includes('/invitations/') ? 'invitation' : 'move'];
  // Deleting routes go last, so the resources they remove are still there for the others.
  const ordered = () => [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

  const failures: string[] = [];
  const inject = (route: DocumentedRoute, url: string, payload?: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({
      method: route.method as InjectOptions['method'],
      url,
      headers: { authorization: `Bearer ${founder.token}`, ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
      payload,
    });
  const send = async (route: DocumentedRoute, url: string, payload?: string | Buffer, label = '', headers: Record<string, string> = {}) => {
    const res = await inject(route, url, payload, headers);
    if (res.statusCode >= 500) failures.push(`${route.key} ${url.slice(0, 80)} ${label.slice(0, 80)} -> ${res.statusCode} ${res.body.slice(0, 160)}`);
  };

  it('documents the routes it serves', () => {
    expect(routes.length).toBeGreaterThan(30);
    // Every route a controller declares is in the OpenAPI document, so this suite and the security sweep reach it; the
    // one exception is Prometheus's scrape route (served at /metrics outside the prefix, left out on purpose).
    const documented = new Set(routes.map((r) => r.key));
    const undocumented = moduleRoutes(AppModule).map((r) => r.route.replace(' /', ' /api/v1/')).filter((key) => !documented.has(key));
    expect(undocumented).toEqual(['GET /api/v1/metrics']);
  });

  it('refuses null for every field not documented as nullable, naming the field', async () => {
    const accepted: string[] = [];
    for (const route of ordered().filter((r) => r.body?.properties)) {
      const base = plausibleBody(route.body ?? {});
      for (const [name] of Object.entries(route.body?.properties ?? {}).filter(([, property]) => !property.nullable)) {
        const res = await inject(route, fillPath(route, ownId(route)), JSON.stringify({ ...base, [name]: null }));
        // Guards answer before validation: the operator-only route refuses the founder whatever the body.
        const named = res.statusCode === 400 && (res.json().details as { field: string }[]).some((d) => d.field === name);
        if (!named && res.statusCode !== 403) accepted.push(`${route.key} ${name}: null -> ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('refuses an empty or null PATCH body', async () => {
    for (const route of routes.filter((r) => r.method === 'PATCH')) {
      for (const body of ['{}', 'null', '[]']) {
        const res = await inject(route, fillPath(route, ownId(route)), body);
        expect([route.key, body, res.statusCode]).toEqual([route.key, body, 400]);
      }
    }
  });

  it('names the field of a string it refuses', async () => {
    const res = await api('PUT', '/onboarding/steps/company', { answers: { companyName: 'Nul\u0000Co' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'answers.companyName', problems: ['must not contain the control character U+0000'] }] });
    const surrogate = await api('POST', '/workspace/invitations', { email: 'a\ud800@example.com', role: 'member' });
    expect(surrogate.json()).toMatchObject({ statusCode: 400, details: [{ field: 'email' }] });
    const route = routes.find((r) => r.key === 'PATCH /api/v1/workspace') as DocumentedRoute;
    const latin1 = await inject(route, route.template, Buffer.from('{"name":"Caf\xe9"}', 'latin1'));
    expect(latin1.json()).toMatchObject({ statusCode: 400, details: [{ field: 'body', problems: ['must be UTF-8'] }] });
  });

  it('answers malformed bodies on every route with a 4xx at worst', async () => {
    for (const route of ordered().filter((r) => r.method !== 'GET')) {
      const url = fillPath(route, ownId(route));
      const bodies = [...BAD_BODIES, ...mutatedBodies(route.body ?? {}).map((body) => JSON.stringify(body))];
      for (const body of bodies) await send(route, url, body, body.toString());
      for (const type of CONTENT_TYPES) await send(route, url, '{"name":"x"}', type, { 'content-type': type });
    }
    expect(failures.splice(0)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 120_000);

  it('answers malformed path params, query strings and headers on every route with a 4xx at worst', async () => {
    for (const route of ordered()) {
      const body = route.body ? JSON.stringify(mutatedBodies(route.body)[0]) : undefined;
      for (const param of route.params) {
        for (const bad of BAD_PARAMS) {
          await send(route, fillPath(route, (name) => (name === param ? bad : encodeURIComponent(ownId(route)(name))), true), body);
        }
      }
      for (const query of BAD_QUERIES) await send(route, `${fillPath(route, ownId(route))}?${query}`, body);
      for (const header of route.headers.filter((name) => name !== 'authorization')) {
        for (const value of BAD_HEADERS) await send(route, fillPath(route, ownId(route)), body, `${header}: ${value}`, { [header]: value });
      }
    }
    expect(failures.splice(0)).toEqual([]);
  }, 60_000);

  it('stays healthy afterwards', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(200);
    expect((await api('GET', '/auth/verify-profile')).json()).toMatchObject({ next: 'app' });
    expect((await api('GET', '/moves')).statusCode).toBe(200);
    expect((await api('PATCH', '/workspace', { name: 'Still works' })).statusCode).toBe(200);
  });
});
