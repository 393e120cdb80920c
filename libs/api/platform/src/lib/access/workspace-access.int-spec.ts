import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually, testConfig } from '../../testing';
import { Database } from '../db/database';
import { ReadCache } from '../db/read-cache';
import { WorkspaceAccess } from './workspace-access';

describe('WorkspaceAccess', () => {
  const config = testConfig();
  const db = new Database(config);
  const cache = new ReadCache(config, db);
  const access = new WorkspaceAccess(db, cache);
  const pg = new Client({ connectionString: config.DATABASE_URL });

  beforeAll(() => pg.connect());
  afterAll(async () => {
    await cache.onApplicationShutdown();
    await db.onApplicationShutdown();
    await pg.end();
  });

  // A sign-up as GoTrue writes it: the trigger creates the profile and a personal workspace.
  async function founder(): Promise<{ sub: string; workspaceId: string }> {
    const sub = (await pg.query<{ id: string }>(`insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id`, [`wa-${randomUUID()}@example.com`])).rows[0].id;
    const { rows } = await pg.query<{ id: string }>(`select id from public.workspaces where owner_id = $1`, [sub]);
    return { sub, workspaceId: rows[0].id };
  }

  const subscribe = (workspaceId: string, status: string, endsInDays: number) =>
    pg.query(
      `insert into subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
       values ($1, 'growth', 'month', $2, now() - interval '40 days', now() + make_interval(days => $3))
       on conflict (workspace_id) do update set status = excluded.status, current_period_end = excluded.current_period_end`,
      [workspaceId, status, endsInDays],
    );

  const grantIn = (sub: string) => db.asUser({ sub }, (tx) => access.of(tx, sub));

  it.each([
    ['no subscription yet', null, 0, { subscription: 'none', read: false, write: false }],
    ['an active one', 'active', 30, { subscription: 'active', read: true, write: true }],
    ['a cancelled one before its period end', 'cancelled', 5, { subscription: 'cancelled', read: true, write: true }],
    ['one whose period ended yesterday (read-only grace)', 'active', -1, { subscription: 'past_due', read: true, write: false }],
    ['one that ended four days ago', 'active', -4, { subscription: 'expired', read: false, write: false }],
  ] as const)('answers the owner with %s', async (_case, status, endsInDays, expected) => {
    const { sub, workspaceId } = await founder();
    if (status) await subscribe(workspaceId, status, endsInDays);
    expect(await grantIn(sub)).toEqual({ workspaceId, role: 'owner', planId: status ? 'growth' : null, ...expected });
  });

  it('answers a member with their role in the workspace they chose', async () => {
    const owner = await founder();
    const member = await founder();
    await subscribe(owner.workspaceId, 'active', 30); // a team plan: workspace_members enforces the plan's seats in SQL
    await pg.query(`insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [owner.workspaceId, member.sub]);
    await pg.query('update users set current_workspace_id = $1 where id = $2', [owner.workspaceId, member.sub]);
    expect(await grantIn(member.sub)).toMatchObject({ workspaceId: owner.workspaceId, role: 'member' });
  });

  it('answers null for a user without a workspace', async () => {
    const sub = randomUUID();
    expect(await grantIn(sub)).toBeNull();
  });

  it('decides the remembered grant again on every call, and forgets it when the subscription changes', async () => {
    const { sub, workspaceId } = await founder();
    await subscribe(workspaceId, 'active', 30);
    // Remembered once the change listener is connected (the first reads go to Postgres).
    await eventually(async () => (await access.current({ sub }), cache.size > 0));
    const endsAt = Date.now() + 30 * 86_400_000;
    expect(await access.current({ sub }, new Date(endsAt - 60_000))).toMatchObject({ subscription: 'active', write: true });
    // The same remembered row, asked a day after the period ended: the clock alone makes it read-only.
    expect(await access.current({ sub }, new Date(endsAt + 86_400_000))).toMatchObject({ subscription: 'past_due', read: true, write: false });

    await subscribe(workspaceId, 'expired', -10);
    await eventually(async () => (await access.current({ sub }))?.subscription === 'expired');
    expect(await access.current({ sub })).toMatchObject({ read: false, write: false });
  });
});
