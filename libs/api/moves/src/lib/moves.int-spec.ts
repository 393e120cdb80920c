import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription as subscribe, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { buildBcm } from '@raptorflow/api-bcm';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { Move, SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';
import { Client } from 'pg';
import { MovesModule } from './moves.module';
import { addDays, addWeeks, currentWeek, indiaDate } from './moves.week';

describe('moves, campaigns and analytics API', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;
  const week = currentWeek(new Date());
  const today = indiaDate(new Date());

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    app = await createTestApp({ imports: [HttpPlatformModule, AuthModule, MovesModule] }, { SUPABASE_URL: idp.url, RATE_LIMIT_PER_MINUTE: '100000' });
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await pg?.end();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });

  const setSubscription = (workspaceId: string, status: string, endsInDays: number) => subscribe(pg, workspaceId, status, endsInDays);

  async function founder(subscribed = true): Promise<TestUser & { workspaceId: string }> {
    const user = await idp.createUser();
    const workspaceId = (await call('GET', '/workspace', user.token)).json().id;
    if (subscribed) await setSubscription(workspaceId, 'active', 30);
    return { ...user, workspaceId };
  }

  // Written as the worker would (service role): a finalized context and the manifest built from it.
  async function seedManifest(workspaceId: string, version = 1, hoursPerWeek = SAMPLE_BUSINESS_CONTEXT.resources.hoursPerWeek) {
    const context = { ...SAMPLE_BUSINESS_CONTEXT, resources: { ...SAMPLE_BUSINESS_CONTEXT.resources, hoursPerWeek } };
    const manifest = buildBcm(context, { version, sourceContextVersion: version, generatedAt: new Date().toISOString() });
    await pg.query(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, $2, $3, 1)`, [workspaceId, version, JSON.stringify(context)]);
    await pg.query(
      `insert into bcm_manifests (workspace_id, version, source_context_version, schema_version, manifest, checksum) values ($1, $2, $2, $3, $4, $5)`,
      [workspaceId, version, manifest.schemaVersion, JSON.stringify(manifest), manifest.checksum],
    );
    return manifest;
  }

  const hours = (moves: Move[]) => moves.reduce((sum, m) => sum + m.effortHours, 0);

  describe('subscription', () => {
    it('refuses moves, campaigns and analytics without a plan, and allows only reading in the grace period', async () => {
      const user = await founder(false);
      await seedManifest(user.workspaceId);
      for (const url of ['/moves', '/campaigns', '/analytics']) {
        const res = await call('GET', url, user.token);
        expect([url, res.statusCode, res.json().code]).toEqual([url, 402, 'PAYMENT_REQUIRED']);
      }
      await setSubscription(user.workspaceId, 'active', 30);
      expect((await call('POST', '/moves/generate', user.token, { week })).statusCode).toBe(200);
      // The period ended yesterday: past_due, read-only for 3 days.
      await setSubscription(user.workspaceId, 'active', -1);
      expect((await call('GET', '/moves', user.token)).json().moves.length).toBeGreaterThan(0);
      expect((await call('GET', '/campaigns', user.token)).statusCode).toBe(200);
      const moveId = (await call('GET', '/moves', user.token)).json().moves[0].id;
      for (const res of [await call('POST', '/moves/generate', user.token, { week }), await call('PATCH', `/moves/${moveId}`, user.token, { status: 'done' })]) {
        expect([res.statusCode, res.json().code]).toEqual([402, 'PAYMENT_REQUIRED']);
      }
      expect((await pg.query('select status from moves where id = $1', [moveId])).rows[0].status).toBe('suggested');
    });
  });

  describe('moves', () => {
    it('refuses to generate without a manifest', async () => {
      const user = await founder();
      const res = await call('POST', '/moves/generate', user.token, { week });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('BCM_MISSING');
      expect((await call('GET', '/moves', user.token)).json()).toEqual({ week, moves: [], hoursBudget: null, hoursCommitted: 0 });
    });

    it('generates suggestions within the weekly hours, for the current week by default', async () => {
      const user = await founder();
      await seedManifest(user.workspaceId);
      const res = await call('POST', '/moves/generate', user.token, {});
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ week, manifestVersion: 1, created: body.moves.length, refreshed: 0, removed: 0, hoursBudget: 12, hoursCommitted: 0 });
      expect(body.moves.length).toBeGreaterThanOrEqual(3);
      expect(hours(body.moves)).toBeLessThanOrEqual(12);
      expect(body.moves[0]).toMatchObject({ week, status: 'suggested', source: 'generated', editedByUser: false, icpId: 'primary', suggestionKey: expect.stringMatching(/^primary:/) });
      expect(new Set(body.moves.map((m: Move) => m.suggestionKey)).size).toBe(body.moves.length);
    });

    it('regenerating keeps what the member edited, planned, completed or dismissed and refreshes the rest without duplicates', async () => {
      const user = await founder();
      await seedManifest(user.workspaceId);
      const first: Move[] = (await call('POST', '/moves/generate', user.token, { week })).json().moves;
      const [edited, completed, dismissed, untouched] = first;

      const edit = await call('PATCH', `/moves/${edited.id}`, user.token, { title: 'My own take', effortHours: 1.5, scheduledFor: addDays(week, 2) });
      expect(edit.statusCode).toBe(200);
      expect(edit.json()).toMatchObject({ title: 'My own take', effortHours: 1.5, editedByUser: true, status: 'suggested', scheduledFor: addDays(week, 2) });
      expect((await call('PATCH', `/moves/${completed.id}`, user.token, { status: 'planned' })).statusCode).toBe(200);
      const done = await call('PATCH', `/moves/${completed.id}`, user.token, { status: 'done' });
      expect(done.json()).toMatchObject({ status: 'done', completedAt: expect.any(String) });
      expect((await call('PATCH', `/moves/${dismissed.id}`, user.token, { status: 'dismissed' })).statusCode).toBe(200);
      // An untouched suggestion drifts in the database; regeneration restores it.
      await pg.query(`update moves set title = 'stale title' where id = $1`, [untouched.id]);

      // A smaller budget in a new manifest version: fewer suggestions, touched moves stay.
      await seedManifest(user.workspaceId, 2, 3);
      const second = (await call('POST', '/moves/generate', user.token, { week })).json();
      expect(second.manifestVersion).toBe(2);
      const byId = new Map<string, Move>(second.moves.map((m: Move) => [m.id, m]));
      expect(byId.get(edited.id)).toMatchObject({ title: 'My own take', effortHours: 1.5, editedByUser: true });
      expect(byId.get(completed.id)).toMatchObject({ status: 'done', title: completed.title });
      expect(byId.get(dismissed.id)).toMatchObject({ status: 'dismissed' });
      const suggested = second.moves.filter((m: Move) => m.status === 'suggested' && !m.editedByUser);
      expect(hours(suggested)).toBeLessThanOrEqual(3);
      expect(suggested.map((m: Move) => m.title)).not.toContain('stale title');
      expect(second.removed).toBeGreaterThan(0);
      const keys = second.moves.map((m: Move) => m.suggestionKey);
      expect(new Set(keys).size).toBe(keys.length);

      // Idempotent: the same manifest again changes nothing.
      const third = (await call('POST', '/moves/generate', user.token, { week })).json();
      expect(third).toMatchObject({ created: 0, removed: 0 });
      expect(third.moves.map((m: Move) => m.id).sort()).toEqual(second.moves.map((m: Move) => m.id).sort());
      expect((await pg.query('select count(*)::int as n from moves where workspace_id = $1', [user.workspaceId])).rows[0].n).toBe(third.moves.length);
    });

    it('creates, edits and deletes user-made moves; suggestions are dismissed, not deleted', async () => {
      const user = await founder();
      const created = await call('POST', '/moves', user.token, { week, title: '  Call 3 customers  ', channel: 'referrals', type: 'outreach', effortHours: 1 });
      expect(created.statusCode).toBe(201);
      const move = created.json();
      expect(move).toMatchObject({ title: 'Call 3 customers', status: 'planned', source: 'user', suggestionKey: null, editedByUser: true });
      expect((await call('GET', '/moves', user.token)).json()).toMatchObject({ hoursCommitted: 1, moves: [{ id: move.id }] });

      const bad = await call('POST', '/moves', user.token, { week: addDays(week, 1), title: '', type: 'tiktok', effortHours: 0, extra: true });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'effortHours', 'extra', 'title', 'type', 'week']);
      const outside = await call('PATCH', `/moves/${move.id}`, user.token, { scheduledFor: addDays(week, 7) });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().details[0].field).toBe('scheduledFor');
      const backToSuggested = await call('PATCH', `/moves/${move.id}`, user.token, { status: 'suggested' });
      expect(backToSuggested.statusCode).toBe(409);
      expect(backToSuggested.json().code).toBe('MOVE_STATUS_INVALID');
      expect((await call('PATCH', `/moves/${move.id}`, user.token, { title: null })).statusCode).toBe(400);
      const moved = await call('PATCH', `/moves/${move.id}`, user.token, { week: addWeeks(week, 1) });
      expect(moved.json().week).toBe(addWeeks(week, 1));

      expect((await call('DELETE', `/moves/${move.id}`, user.token)).statusCode).toBe(204);
      expect((await call('DELETE', `/moves/${move.id}`, user.token)).statusCode).toBe(404);

      await seedManifest(user.workspaceId);
      const [suggestion] = (await call('POST', '/moves/generate', user.token, { week })).json().moves;
      const refused = await call('DELETE', `/moves/${suggestion.id}`, user.token);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('MOVE_NOT_DELETABLE');
    });
  });

  describe('campaigns', () => {
    it('validates, links moves and derives progress and status', async () => {
      const user = await founder();
      await seedManifest(user.workspaceId);
      const moves: Move[] = (await call('POST', '/moves/generate', user.token, { week })).json().moves;
      const base = { name: 'Q1 leads push', icpId: 'primary', goal: 'leads', metric: 'qualified leads', target: 40, startDate: addDays(today, -7), endDate: addDays(today, 30) };

      const backwards = await call('POST', '/campaigns', user.token, { ...base, endDate: addDays(today, -8) });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'endDate' }] });
      const unknownIcp = await call('POST', '/campaigns', user.token, { ...base, icpId: 'nobody' });
      expect(unknownIcp.statusCode).toBe(400);
      expect(unknownIcp.json().details[0].field).toBe('icpId');
      expect((await call('POST', '/campaigns', user.token, { ...base, goal: 'fame', target: -1 })).json().details.map((d: { field: string }) => d.field)).toEqual([
        'goal',
        'target',
      ]);

      const created = await call('POST', '/campaigns', user.token, base);
      expect(created.statusCode).toBe(201);
      const campaign = created.json();
      expect(campaign).toMatchObject({ ...base, status: 'active', progress: 0, movesDone: 0, movesTotal: 0, createdBy: user.id });

      const linked = await call('POST', `/campaigns/${campaign.id}/moves`, user.token, { moveIds: moves.slice(0, 3).map((m) => m.id) });
      expect(linked.statusCode).toBe(200);
      expect(linked.json()).toMatchObject({ movesTotal: 3, progress: 0 });
      expect(linked.json().moves.every((m: Move) => m.campaignId === campaign.id && m.editedByUser)).toBe(true);
      const missing = await call('POST', `/campaigns/${campaign.id}/moves`, user.token, { moveIds: [moves[3].id, '00000000-0000-4000-8000-000000000000'] });
      expect(missing.statusCode).toBe(404);
      expect((await call('GET', `/campaigns/${campaign.id}`, user.token)).json().movesTotal).toBe(3);

      await call('PATCH', `/moves/${moves[0].id}`, user.token, { status: 'planned' });
      await call('PATCH', `/moves/${moves[0].id}`, user.token, { status: 'done' });
      await call('PATCH', `/moves/${moves[1].id}`, user.token, { status: 'dismissed' });
      expect((await call('GET', `/campaigns/${campaign.id}`, user.token)).json()).toMatchObject({ progress: 0.5, movesDone: 1, movesTotal: 2, status: 'active' });
      await call('PATCH', `/moves/${moves[2].id}`, user.token, { status: 'planned' });
      await call('PATCH', `/moves/${moves[2].id}`, user.token, { status: 'done' });
      expect((await call('GET', '/campaigns', user.token)).json()).toMatchObject([{ id: campaign.id, progress: 1, status: 'completed' }]);

      const tooEarly = await call('PATCH', `/campaigns/${campaign.id}`, user.token, { startDate: addDays(today, 40) });
      expect(tooEarly.statusCode).toBe(400);
      expect(tooEarly.json().details[0].field).toBe('endDate');
      const renamed = await call('PATCH', `/campaigns/${campaign.id}`, user.token, { name: 'Renamed', target: 50 });
      expect(renamed.json()).toMatchObject({ name: 'Renamed', target: 50, progress: 1 });

      expect((await call('DELETE', `/campaigns/${campaign.id}`, user.token)).statusCode).toBe(204);
      expect((await call('GET', `/campaigns/${campaign.id}`, user.token)).statusCode).toBe(404);
      const week0 = (await call('GET', `/moves?week=${week}`, user.token)).json().moves;
      expect(week0.every((m: Move) => m.campaignId === null)).toBe(true);
    });
  });

  describe('analytics', () => {
    it('counts moves per week over 12 weeks, campaign progress and manifest versions', async () => {
      const user = await founder();
      await seedManifest(user.workspaceId, 1);
      await seedManifest(user.workspaceId, 2);
      const lastWeek = addWeeks(week, -1);
      for (const [w, status] of [[lastWeek, 'done'], [lastWeek, 'done'], [lastWeek, 'planned'], [week, 'done'], [week, 'dismissed'], [addWeeks(week, -12), 'done']] as const) {
        await call('POST', '/moves', user.token, { week: w, title: `Move ${status}`, channel: 'linkedin', type: 'content', effortHours: 1, status });
      }
      const campaign = (await call('POST', '/campaigns', user.token, { name: 'C', icpId: 'primary', goal: 'leads', metric: 'leads', target: 10, startDate: today, endDate: today })).json();

      const res = await call('GET', '/analytics', user.token);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.movesDonePerWeek).toHaveLength(12);
      expect(body.movesDonePerWeek[0].week).toBe(addWeeks(week, -11));
      expect(body.movesDonePerWeek.slice(-2)).toEqual([
        { week: lastWeek, done: 2, planned: 3 },
        { week, done: 1, planned: 1 },
      ]);
      expect(body.movesDonePerWeek.slice(0, 10).every((w: { done: number }) => w.done === 0)).toBe(true);
      expect(body.campaigns).toEqual([{ id: campaign.id, name: 'C', status: 'active', progress: 0 }]);
      expect(body.manifestVersions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    });
  });

  describe('isolation', () => {
    it('another user can neither see nor change the moves and campaigns, through the API', async () => {
      const owner = await founder();
      const stranger = await founder();
      await seedManifest(owner.workspaceId);
      const [move] = (await call('POST', '/moves/generate', owner.token, { week })).json().moves;
      const campaign = (await call('POST', '/campaigns', owner.token, { name: 'Secret', icpId: 'primary', goal: 'leads', metric: 'leads', target: 5, startDate: today, endDate: today })).json();

      expect((await call('GET', `/moves?week=${week}`, stranger.token)).json().moves).toEqual([]);
      expect((await call('PATCH', `/moves/${move.id}`, stranger.token, { title: 'pwned' })).statusCode).toBe(404);
      expect((await call('GET', `/campaigns/${campaign.id}`, stranger.token)).statusCode).toBe(404);
      expect((await call('DELETE', `/campaigns/${campaign.id}`, stranger.token)).statusCode).toBe(404);
      expect((await call('GET', '/campaigns', stranger.token)).json()).toEqual([]);
      // The stranger's own campaign cannot pull in someone else's move.
      const theirs = (await call('POST', '/campaigns', stranger.token, { name: 'Mine', icpId: 'x', goal: 'leads', metric: 'leads', target: 5, startDate: today, endDate: today })).json();
      expect((await call('POST', `/campaigns/${theirs.id}/moves`, stranger.token, { moveIds: [move.id] })).statusCode).toBe(404);
      expect((await call('GET', `/moves?week=${week}`, owner.token)).json().moves.find((m: Move) => m.id === move.id)).toMatchObject({ title: move.title, campaignId: null });
    });

    it('through SQL as authenticated, RLS hides and protects them', async () => {
      const owner = await founder();
      const stranger = await founder();
      const move = (await call('POST', '/moves', owner.token, { week, title: 'Private', channel: 'seo', type: 'content', effortHours: 2 })).json();
      const campaign = (await call('POST', '/campaigns', owner.token, { name: 'Private', icpId: 'primary', goal: 'leads', metric: 'leads', target: 5, startDate: today, endDate: today })).json();
      await pg.query('begin');
      try {
        await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: stranger.id })]);
        const seen = await pg.query(`select (select count(*) from moves where workspace_id = $1)::int as moves, (select count(*) from campaigns where workspace_id = $1)::int as campaigns`, [
          owner.workspaceId,
        ]);
        expect(seen.rows[0]).toEqual({ moves: 0, campaigns: 0 });
        expect((await pg.query(`update moves set title = 'pwned' where id = $1`, [move.id])).rowCount).toBe(0);
        expect((await pg.query(`delete from campaigns where id = $1`, [campaign.id])).rowCount).toBe(0);
        const refused = async (text: string, params: unknown[]) => {
          await pg.query('savepoint attempt');
          const error = await pg.query(text, params).then(() => null, (e: Error) => e.message);
          await pg.query('rollback to savepoint attempt');
          return error;
        };
        expect(await refused(`insert into moves (workspace_id, week, title, channel, type, effort_hours, source, status) values ($1, $2, 'x', 'seo', 'content', 1, 'user', 'planned')`, [owner.workspaceId, week])).toMatch(
          /row-level security/,
        );
        expect(
          await refused(`insert into campaigns (workspace_id, name, icp_id, goal, metric, target, start_date, end_date, created_by) values ($1, 'x', 'p', 'leads', 'm', 1, $2, $2, $3)`, [
            owner.workspaceId,
            today,
            stranger.id,
          ]),
        ).toMatch(/row-level security/);
        // Even in their own workspace, a member cannot rewrite where a move belongs or where it came from.
        expect(await refused(`update moves set workspace_id = $1 where workspace_id = $2`, [owner.workspaceId, stranger.workspaceId])).toMatch(/permission denied/);
        expect(await refused(`update moves set source = 'generated' where workspace_id = $1`, [stranger.workspaceId])).toMatch(/permission denied/);
      } finally {
        await pg.query('rollback');
      }
      expect((await pg.query('select title from moves where id = $1', [move.id])).rows[0].title).toBe('Private');
    });
  });
});
