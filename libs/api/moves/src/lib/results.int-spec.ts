// Weekly results on a real app and database: the API's rules, and what the database itself refuses (RLS, checks, uniqueness).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from '@raptorflow/api-auth';
import { setSubscription, TestIdentityProvider, TestUser } from '@raptorflow/api-auth/testing';
import { buildBcm } from '@raptorflow/api-bcm';
import { HttpPlatformModule } from '@raptorflow/api-platform';
import { createTestApp } from '@raptorflow/api-platform/testing';
import { SAMPLE_BUSINESS_CONTEXT, type WeeklyResult } from '@raptorflow/contracts';
import { Client } from 'pg';
import { MovesModule } from './moves.module';
import { addDays, addWeeks, currentWeek, indiaDate } from './moves.week';

type Founder = TestUser & { workspaceId: string };

const dayAfter = (date: string) => addDays(date, 1);

describe('weekly results API', () => {
  let idp: TestIdentityProvider;
  let app: NestFastifyApplication;
  let pg: Client;
  const week = currentWeek(new Date());
  const lastWeek = addWeeks(week, -1);

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

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, user: TestUser, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${user.token}` }, payload });

  async function founder(): Promise<Founder> {
    const user = await idp.createUser();
    const workspaceId = (await pg.query<{ id: string }>('select id from workspaces where owner_id = $1', [user.id])).rows[0].id;
    // Growth: room for the members some tests add. Campaigns need a manifest (their profile is checked against it).
    await setSubscription(pg, workspaceId, 'active', 30, 'growth');
    const manifest = buildBcm(SAMPLE_BUSINESS_CONTEXT, { version: 1, sourceContextVersion: 1, generatedAt: new Date().toISOString() });
    await pg.query(`insert into business_contexts (workspace_id, version, data, schema_version) values ($1, 1, $2, 1)`, [workspaceId, JSON.stringify(SAMPLE_BUSINESS_CONTEXT)]);
    await pg.query(`insert into bcm_manifests (workspace_id, version, source_context_version, schema_version, manifest, checksum) values ($1, 1, 1, $2, $3, $4)`, [
      workspaceId,
      manifest.schemaVersion,
      JSON.stringify(manifest),
      manifest.checksum,
    ]);
    return { ...user, workspaceId };
  }

  async function memberOf(owner: Founder, role: 'admin' | 'member'): Promise<TestUser> {
    const user = await idp.createUser();
    await pg.query('insert into workspace_members (workspace_id, user_id, role) values ($1, $2, $3)', [owner.workspaceId, user.id, role]);
    await pg.query('update users set current_workspace_id = $1 where id = $2', [owner.workspaceId, user.id]);
    return user;
  }

  const rowsOf = async (workspaceId: string) => (await pg.query('select week::text, channel, campaign_id, leads, signups, revenue_paise from weekly_results where workspace_id = $1 order by week, channel', [workspaceId])).rows;

  /** Runs SQL as the signed-in user would, through RLS (role authenticated with their claims), and rolls back. */
  async function asUser<T>(user: TestUser, query: string, params: unknown[]): Promise<T> {
    await pg.query('begin');
    try {
      await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: user.id, role: 'authenticated' })]);
      return (await pg.query(query, params)) as T;
    } finally {
      await pg.query('rollback');
    }
  }

  it('logs a week per channel and campaign, and logging it again replaces the numbers', async () => {
    const owner = await founder();
    const campaign = (await call('POST', '/campaigns', owner, { name: 'Diwali push', icpId: 'primary', goal: 'leads', metric: 'leads', target: 50, startDate: indiaDate(new Date()), endDate: indiaDate(new Date()) })).json();
    expect(campaign.id).toEqual(expect.any(String));

    const first = await call('PUT', '/analytics/results', owner, { week: lastWeek, channel: 'linkedin', leads: 12, signups: 3, revenuePaise: 4_999_00 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ week: lastWeek, channel: 'linkedin', campaignId: null, leads: 12, signups: 3, revenuePaise: 499_900, updatedAt: expect.any(String) });
    // The same week, channel and no campaign (null or absent): the same row, new numbers.
    expect((await call('PUT', '/analytics/results', owner, { week: lastWeek, channel: 'linkedin', campaignId: null, leads: 15, signups: 4, revenuePaise: 999_900 })).statusCode).toBe(200);
    expect((await call('PUT', '/analytics/results', owner, { week: lastWeek, channel: 'linkedin', campaignId: campaign.id, leads: 5, signups: 1, revenuePaise: 0 })).statusCode).toBe(200);
    expect((await call('PUT', '/analytics/results', owner, { week, channel: 'seo', leads: 0, signups: 0, revenuePaise: 0 })).statusCode).toBe(200);

    const list = await call('GET', '/analytics/results', owner);
    expect(list.statusCode).toBe(200);
    expect(list.json().canLog).toBe(true);
    expect(list.json().results.map((r: WeeklyResult) => [r.week, r.channel, r.campaignId, r.leads, r.signups, r.revenuePaise])).toEqual([
      [week, 'seo', null, 0, 0, 0],
      [lastWeek, 'linkedin', null, 15, 4, 999_900],
      [lastWeek, 'linkedin', campaign.id, 5, 1, 0],
    ]);
    expect(await rowsOf(owner.workspaceId)).toHaveLength(3);

    // A campaign with logged results stays (the database refuses too).
    const removed = await call('DELETE', `/campaigns/${campaign.id}`, owner);
    expect([removed.statusCode, removed.json().code]).toEqual([409, 'CAMPAIGN_HAS_RESULTS']);
    await expect(pg.query('delete from campaigns where id = $1', [campaign.id])).rejects.toMatchObject({ code: '23503' });
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const owner = await founder();
    const other = await founder();
    const foreign = (await call('POST', '/campaigns', other, { name: 'Theirs', icpId: 'primary', goal: 'leads', metric: 'leads', target: 5, startDate: indiaDate(new Date()), endDate: indiaDate(new Date()) })).json();
    const base = { week: lastWeek, channel: 'linkedin', leads: 1, signups: 1, revenuePaise: 100 };
    const cases: [object, RegExp][] = [
      [{ ...base, leads: -1 }, /^leads: leads must not be negative/],
      [{ ...base, signups: 1.5 }, /^signups: signups must be a whole number/],
      [{ ...base, revenuePaise: -100 }, /^revenuePaise: revenuePaise must not be negative/],
      [{ ...base, revenuePaise: 10 ** 13 }, /^revenuePaise: revenuePaise must be at most/],
      [{ ...base, week: dayAfter(lastWeek) }, /^week: week must be a Monday/],
      [{ ...base, week: addWeeks(week, 1) }, /^week: results can be logged for this week or earlier/],
      [{ ...base, channel: 'carrier-pigeon' }, /^channel: channel must be one of/],
      [{ ...base, campaignId: 'nope' }, /^campaignId: campaignId must be a UUID/],
      [{ ...base, campaignId: foreign.id }, /^campaignId: no such campaign/],
      [{ week: lastWeek, channel: 'linkedin', leads: 1, signups: 1 }, /^revenuePaise/],
    ];
    for (const [payload, message] of cases) {
      const res = await call('PUT', '/analytics/results', owner, payload);
      expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), 400]);
      expect(res.json().message).toMatch(message);
    }
    expect(await rowsOf(owner.workspaceId)).toEqual([]);
  });

  it('lets members read but only owners and admins log; strangers see nothing; the grace period is read-only', async () => {
    const owner = await founder();
    const member = await memberOf(owner, 'member');
    const admin = await memberOf(owner, 'admin');
    expect((await call('PUT', '/analytics/results', admin, { week: lastWeek, channel: 'email', leads: 2, signups: 1, revenuePaise: 0 })).statusCode).toBe(200);

    const refused = await call('PUT', '/analytics/results', member, { week: lastWeek, channel: 'email', leads: 99, signups: 0, revenuePaise: 0 });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'RESULTS_WRITE_FORBIDDEN']);
    const seen = (await call('GET', '/analytics/results', member)).json();
    expect([seen.canLog, seen.results.map((r: WeeklyResult) => r.leads)]).toEqual([false, [2]]);
    const stranger = await founder();
    expect((await call('GET', '/analytics/results', stranger)).json().results).toEqual([]);

    await setSubscription(pg, owner.workspaceId, 'active', -1, 'growth');
    const lapsed = await call('PUT', '/analytics/results', owner, { week: lastWeek, channel: 'email', leads: 3, signups: 1, revenuePaise: 0 });
    expect([lapsed.statusCode, lapsed.json().code]).toEqual([402, 'PAYMENT_REQUIRED']);
    expect((await call('GET', '/analytics/results', owner)).json().canLog).toBe(false);
    expect((await rowsOf(owner.workspaceId)).map((r) => r.leads)).toEqual([2]);
  });

  it('is guarded by the database itself: RLS by role, non-negative numbers, Mondays, one row per week, channel and campaign', async () => {
    const owner = await founder();
    const member = await memberOf(owner, 'member');
    const stranger = await founder();
    const insert = `insert into weekly_results (workspace_id, week, channel, leads, signups, revenue_paise, recorded_by) values ($1, $2, $3, $4, 0, 0, $5)`;

    await expect(asUser(member, insert, [owner.workspaceId, lastWeek, 'seo', 1, member.id])).rejects.toMatchObject({ code: '42501' });
    await expect(asUser(stranger, insert, [owner.workspaceId, lastWeek, 'seo', 1, stranger.id])).rejects.toMatchObject({ code: '42501' });
    // The owner may insert, but only as themselves.
    await expect(asUser(owner, insert, [owner.workspaceId, lastWeek, 'seo', 1, member.id])).rejects.toMatchObject({ code: '42501' });
    await expect(asUser(owner, insert, [owner.workspaceId, lastWeek, 'seo', -1, owner.id])).rejects.toMatchObject({ code: '23514' });
    await expect(asUser(owner, insert, [owner.workspaceId, lastWeek, 'Not A Channel', 1, owner.id])).rejects.toMatchObject({ code: '23514' });
    await expect(asUser(owner, insert, [owner.workspaceId, dayAfter(lastWeek), 'seo', 1, owner.id])).rejects.toMatchObject({ code: '23514' });

    await pg.query(insert, [owner.workspaceId, lastWeek, 'seo', 1, owner.id]);
    // "No campaign" is one row too (unique nulls not distinct).
    await expect(pg.query(insert, [owner.workspaceId, lastWeek, 'seo', 2, owner.id])).rejects.toMatchObject({ code: '23505' });
    const readBy = async (user: TestUser) => (await asUser<{ rowCount: number }>(user, 'select 1 from weekly_results where workspace_id = $1', [owner.workspaceId])).rowCount;
    expect([await readBy(owner), await readBy(member), await readBy(stranger)]).toEqual([1, 1, 0]);
    const updated = await asUser<{ rowCount: number }>(member, 'update weekly_results set leads = 50 where workspace_id = $1', [owner.workspaceId]);
    expect(updated.rowCount).toBe(0);
    const deleted = await asUser<{ rowCount: number }>(member, 'delete from weekly_results where workspace_id = $1', [owner.workspaceId]);
    expect(deleted.rowCount).toBe(0);
  });
});
