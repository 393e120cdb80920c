// The operator API on a real app, database, Redis and the PhonePe stand-in.
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule, operatorCommand } from '@raptorflow/api-auth';
import { enrollVerifiedFactor, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { HttpPlatformModule, QueueModule } from '@raptorflow/api-platform';
import { createTestApp, eventually } from '@raptorflow/api-platform/testing';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { startTestSandbox } from '@raptorflow/sandbox/testing';
import { OpsModule } from './ops.module';

describe('operator API', () => {
  let idp: TestIdentityProvider;
  let sandbox: FastifyInstance;
  let sandboxUrl: string;
  let api: NestFastifyApplication;
  let apiUrl: string;
  let pg: Client;
  let ops: TestUser;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    ({ sandbox, url: sandboxUrl } = await startTestSandbox());
    api = await createTestApp(
      { imports: [HttpPlatformModule, QueueModule, AuthModule, OpsModule] },
      {
        SUPABASE_URL: idp.url,
        PHONEPE_OAUTH_BASE_URL: `${sandboxUrl}/phonepe`,
        PHONEPE_PG_BASE_URL: `${sandboxUrl}/phonepe`,
        PHONEPE_TIMEOUT_MS: '2000',
        RESEND_BASE_URL: `${sandboxUrl}/resend`,
        RATE_LIMIT_PER_MINUTE: '100000',
        REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:ops${Date.now()}`,
      },
    );
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    ops = await idp.createUser();
    await operatorCommand(pg, 'grant', ops.email, 'ops.int-spec');
    // Operators always need a second factor: enrolled, and the session passed it (aal2).
    await enrollVerifiedFactor(ops.id);
    ops = { ...ops, token: await idp.sign(ops.id, ops.email, { aal: 'aal2' }) };
    await control('/phonepe/__sandbox/reset', {});
    await control('/phonepe/__sandbox/config', { refundSettleMs: 0 });
  });

  afterAll(async () => {
    await api?.close();
    await sandbox?.close();
    await idp?.close();
    await pg?.end();
  });

  async function control(path: string, body: unknown) {
    const res = await fetch(`${sandboxUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }

  const call = async (method: string, path: string, user?: TestUser, body?: unknown) => {
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: { ...(user ? { authorization: `Bearer ${user.token}`, } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  };

  const workspaceOf = async (user: TestUser) => (await pg.query<{ id: string }>('select id from workspaces where owner_id = $1', [user.id])).rows[0].id;

  async function paidFounder() {
    const founder = await idp.createUser();
    const started = await call('POST', '/payments/initiate', founder, { planId: 'starter', period: 'month' });
    expect(started.status).toBe(201);
    const id = started.body.merchantOrderId as string;
    await control(`/phonepe/__sandbox/orders/${id}/complete`, { outcome: 'success' });
    await eventually(async () => (await call('GET', `/payments/status/${id}`, founder)).body.state === 'COMPLETED');
    return { founder, id, workspaceId: await workspaceOf(founder) };
  }

  it('answers 403 OPERATOR_REQUIRED on every /ops route in the OpenAPI document to a signed-in non-operator', async () => {
    const doc = (await api.inject({ method: 'GET', url: '/api/docs-json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/ops/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => [method.toUpperCase(), path] as const));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const stranger = await idp.createUser();
    for (const [method, path] of routes) {
      const url = path.replace('{workspaceId}', '00000000-0000-4000-8000-000000000000').replace('{merchantOrderId}', 'RF_x');
      const res = await call(method, url.replace('/api/v1', ''), stranger, method === 'POST' ? { reason: 'trying' } : undefined);
      expect([method, path, res.status, res.body?.code]).toEqual([method, path, 403, 'OPERATOR_REQUIRED']);
      expect((await call(method, url.replace('/api/v1', ''))).status).toBe(401);
    }
  });

  it('finds a founder by e-mail, UCID, workspace and order id, and shows the workspace', async () => {
    const { founder, id, workspaceId } = await paidFounder();
    const ucid = (await pg.query<{ ucid: string }>('select ucid from users where id = $1', [founder.id])).rows[0].ucid;
    for (const q of [founder.email.toUpperCase(), ucid, workspaceId, id]) {
      const res = await call('GET', `/ops/search?q=${encodeURIComponent(q)}`, ops);
      expect(res.status).toBe(200);
      expect(res.body.map((h: { workspaceId: string }) => h.workspaceId)).toContain(workspaceId);
    }
    const page = await call('GET', `/ops/workspaces/${workspaceId}`, ops);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      id: workspaceId,
      members: [{ userId: founder.id, email: founder.email, role: 'owner', ucid }],
      subscription: { planId: 'starter', status: 'active' },
      payments: [{ merchantOrderId: id, state: 'COMPLETED' }],
    });
  });

  it('tells a payment story in time order and refunds part of it with a reason, audited', async () => {
    const { founder, id, workspaceId } = await paidFounder();
    const story = await call('GET', `/ops/payments/${id}`, ops);
    expect(story.status).toBe(200);
    const kinds = story.body.events.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).toBe('request');
    expect(kinds).toEqual(expect.arrayContaining(['transition', 'status_check', 'outbox', 'audit']));
    expect(story.body.events.map((e: { at: string }) => e.at)).toEqual([...story.body.events.map((e: { at: string }) => e.at)].sort());
    expect(story.body.events.some((e: { summary: string }) => e.summary === 'Payment: PENDING → COMPLETED')).toBe(true);

    const refunded = await call('POST', `/ops/payments/${id}/refund`, ops, { amount: 100_000, reason: 'Customer asked for a partial refund' });
    expect(refunded.status).toBe(201);
    expect(refunded.body).toMatchObject({ merchantOrderId: id, amount: 100_000 });
    await eventually(async () => (await call('GET', `/payments/status/${id}`, founder)).body.refunds[0]?.state === 'COMPLETED');

    const audit = await call('GET', `/ops/audit?workspaceId=${workspaceId}`, ops);
    expect(audit.body[0]).toMatchObject({ actorId: ops.id, actorKind: 'operator', action: 'payment.refund', target: id, reason: 'Customer asked for a partial refund', requestId: expect.any(String) });
    const after = await call('GET', `/ops/payments/${id}`, ops);
    expect(after.body.events.some((e: { summary: string }) => /^Refund RFR_\w+: PENDING → COMPLETED$/.test(e.summary))).toBe(true);
    // The founder (owner) reads the same entries of their own workspace.
    const own = await call('GET', '/audit', founder);
    expect(own.body.map((e: { action: string }) => e.action)).toEqual(['payment.refund', 'payment.initiate']);
    const stranger = await idp.createUser();
    expect((await call('GET', '/audit', stranger)).body).toEqual([]);
  });

  it('reconciles, resends a receipt, extends and ends a subscription and re-runs a BCM rebuild, each audited', async () => {
    const { id, workspaceId } = await paidFounder();
    expect((await call('POST', `/ops/payments/${id}/reconcile`, ops, { reason: 'customer says nothing happened' })).status).toBe(200);
    const resent = await call('POST', `/ops/payments/${id}/resend-receipt`, ops, { reason: 'lost the mail' });
    expect([resent.status, resent.body.jobId]).toEqual([201, expect.stringMatching(/resend-1$/)]);
    expect((await pg.query('select 1 from outbox where job_id = $1', [resent.body.jobId])).rowCount).toBe(1);

    const before = (await call('GET', `/ops/workspaces/${workspaceId}`, ops)).body.subscription.currentPeriodEnd;
    const extended = await call('POST', `/ops/workspaces/${workspaceId}/subscription`, ops, { action: 'extend', days: 10, reason: 'outage credit' });
    expect(extended.status).toBe(200);
    expect(new Date(extended.body.subscription.currentPeriodEnd).getTime() - new Date(before).getTime()).toBe(10 * 24 * 3600 * 1000);
    const ended = await call('POST', `/ops/workspaces/${workspaceId}/subscription`, ops, { action: 'end', reason: 'chargeback' });
    expect(ended.body.subscription.status).toBe('expired');
    expect((await call('POST', `/ops/workspaces/${workspaceId}/bcm-rebuild`, ops, { reason: 'stale manifest' })).status).toBe(201);

    const csv = await call('GET', `/ops/audit.csv?workspaceId=${workspaceId}`, ops);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,actorEmail,actorKind,action,workspaceId,target,before,after,reason,requestId');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['bcm.rebuild', 'subscription.end', 'subscription.extend', 'payment.resend_receipt', 'payment.reconcile', 'payment.initiate']);
  });

  it("lists the workspace's invoices and credit notes and exports a month's GSTR-1 CSV, audited", async () => {
    const { founder, id, workspaceId } = await paidFounder();
    expect((await call('POST', `/ops/payments/${id}/refund`, ops, { amount: 100_000, reason: 'partial refund for the export' })).status).toBe(201);
    await eventually(async () => (await call('GET', `/payments/status/${id}`, founder)).body.refunds[0]?.state === 'COMPLETED');
    const page = await eventually(async () => {
      const res = await call('GET', `/ops/workspaces/${workspaceId}`, ops);
      return res.body.taxDocuments.length === 2 && res;
    });
    const [note, invoice] = page.body.taxDocuments as { kind: string; number: string; issuedAt: string; total: number }[];
    expect(invoice).toMatchObject({ kind: 'invoice', number: expect.stringMatching(/^RF\/\d{2}-\d{2}\/\d+$/), total: page.body.payments[0].amount });
    expect(note).toMatchObject({ kind: 'credit_note', number: expect.stringMatching(/^CN\/\d{2}-\d{2}\/\d+$/), total: 100_000 });

    // The month of the invoice in India, whatever the server's time zone.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit' }).format(new Date(invoice.issuedAt));
    const csv = await call('GET', `/ops/gst-export.csv?month=${month}`, ops);
    expect([csv.status, csv.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
    const rows = csv.text.trim().split('\r\n').map((l) => l.split(','));
    const ours = rows.filter((r) => r[1] === invoice.number || r[1] === note.number);
    // documentsIssuedBetween orders by kind, then serial: credit notes before invoices.
    expect(ours.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Credit note', note.number, invoice.number],
      ['Invoice', invoice.number, ''],
    ]);
    // Another month has none of them.
    const earlier = await call('GET', '/ops/gst-export.csv?month=2020-01', ops);
    expect(earlier.text.trim().split('\r\n')).toHaveLength(1);
    const audited = await pg.query('select target from audit_log where actor_id = $1 and action = $2 order by at', [ops.id, 'gst.export']);
    expect(audited.rows.map((r) => r.target)).toEqual(expect.arrayContaining([month, '2020-01']));

    for (const bad of ['', '2026-13', '2026-1', 'november']) {
      const res = await call('GET', `/ops/gst-export.csv?month=${bad}`, ops);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.message).toMatch(/^month/);
    }
    expect((await call('GET', '/ops/gst-export.csv?month=2026-11', founder)).status).toBe(403);
  });

  it('answers bad input with 400 naming the field, and unknown ids with 404', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', '/ops/search?q=', undefined, /^q:/],
      ['GET', '/ops/workspaces/not-a-uuid', undefined, /^workspaceId/],
      ['GET', '/ops/audit.csv?workspaceId=nope', undefined, /^workspaceId/],
      ['POST', '/ops/payments/RF_x/refund', { amount: 500 }, /^reason/],
      ['POST', '/ops/payments/RF_x/refund', { amount: 50, reason: 'why not' }, /^amount/],
      ['POST', '/ops/payments/RF_x/reconcile', { reason: 'x' }, /^reason/],
      ['POST', '/ops/workspaces/00000000-0000-4000-8000-000000000000/subscription', { action: 'pause', reason: 'because' }, /^action/],
      ['POST', '/ops/workspaces/00000000-0000-4000-8000-000000000000/subscription', { action: 'extend', days: 1000, reason: 'because' }, /^days/],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(method, path, ops, body);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.message).toMatch(field);
    }
    expect((await call('GET', '/ops/payments/RF_nope', ops)).status).toBe(404);
    expect((await call('POST', '/ops/workspaces/00000000-0000-4000-8000-000000000000/bcm-rebuild', ops, { reason: 'none' })).status).toBe(404);
    expect((await pg.query(`select 1 from audit_log where actor_id = $1 and target in ('RF_x', '00000000-0000-4000-8000-000000000000')`, [ops.id])).rowCount).toBe(0);
  });
});
