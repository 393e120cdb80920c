// The audit trail is append-only in SQL itself: no role the API uses can change or remove a row.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

describe('audit_log', () => {
  let pg: Client;

  beforeAll(async () => {
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(() => pg.end());

  async function insertRow(workspaceId: string | null = null): Promise<string> {
    const { rows } = await pg.query<{ id: string }>(
      `insert into public.audit_log (actor_kind, action, workspace_id, after, reason) values ('operator', 'payment.refund', $1, '{"amount":100}', 'test') returning id`,
      [workspaceId],
    );
    return rows[0].id;
  }

  // Runs sql as a role inside a transaction that is always rolled back; returns the error message or null.
  async function as(role: string | null, statement: string, params: unknown[] = []): Promise<string | null> {
    await pg.query('begin');
    try {
      if (role) await pg.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify({ sub: randomUUID(), role })]);
      await pg.query(statement, params);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await pg.query('rollback');
    }
  }

  it.each([
    ['authenticated', 'authenticated'],
    ['service_role', 'service_role'],
    ['the table owner', null],
  ])('refuses update, delete and truncate as %s', async (_name, role) => {
    const id = await insertRow();
    const update = await as(role, `update public.audit_log set reason = 'rewritten' where id = $1`, [id]);
    const del = await as(role, `delete from public.audit_log where id = $1`, [id]);
    const truncate = await as(role, `truncate public.audit_log`);
    for (const message of [update, del, truncate]) expect(message).toMatch(/permission denied|append-only/);
    const { rows } = await pg.query('select reason from public.audit_log where id = $1', [id]);
    expect(rows).toEqual([{ reason: 'test' }]);
  });

  it('lets the API service path insert, but not a signed-in user', async () => {
    expect(await as('service_role', `insert into public.audit_log (actor_kind, action) values ('system', 'test.insert')`)).toBeNull();
    expect(await as('authenticated', `insert into public.audit_log (actor_kind, action) values ('system', 'test.insert')`)).toMatch(/permission denied/);
  });

  it('shows a signed-in owner only their own workspace entries', async () => {
    const owner = randomUUID();
    const stranger = randomUUID();
    await pg.query(`insert into auth.users (id, email) values ($1, $2), ($3, $4)`, [owner, `o-${owner}@example.com`, stranger, `s-${stranger}@example.com`]);
    await pg.query('select public.ensure_profile($1), public.ensure_profile($2)', [owner, stranger]);
    const ws = (await pg.query<{ id: string }>('select id from public.workspaces where owner_id = $1', [owner])).rows[0].id;
    const id = await insertRow(ws);
    await insertRow(null);
    const visibleTo = async (sub: string) => {
      await pg.query('begin');
      try {
        await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub, role: 'authenticated' })]);
        return (await pg.query<{ id: string }>('select id from public.audit_log')).rows.map((r) => r.id);
      } finally {
        await pg.query('rollback');
      }
    };
    expect(await visibleTo(owner)).toEqual([id]);
    expect(await visibleTo(stranger)).toEqual([]);
  });

  it('records membership changes and account deletion from the database itself, with the signed-in actor', async () => {
    const [owner, member] = [randomUUID(), randomUUID()];
    await pg.query(`insert into auth.users (id, email) values ($1, $2), ($3, $4)`, [owner, `o-${owner}@example.com`, member, `m-${member}@example.com`]);
    await pg.query('select public.ensure_profile($1), public.ensure_profile($2)', [owner, member]);
    const ws = (await pg.query<{ id: string }>('select id from public.workspaces where owner_id = $1', [owner])).rows[0].id;
    // A team plan: workspace_members enforces the plan's seats in SQL.
    await pg.query(
      `insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
       values ($1, 'growth', 'month', 'active', now(), now() + interval '30 days')`,
      [ws],
    );
    await pg.query(`insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [ws, member]);
    await pg.query('begin');
    await pg.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: owner, role: 'authenticated' })]);
    await pg.query(`update public.workspace_members set role = 'admin' where workspace_id = $1 and user_id = $2`, [ws, member]);
    await pg.query(`delete from public.workspace_members where workspace_id = $1 and user_id = $2`, [ws, member]);
    await pg.query('commit');
    const { rows } = await pg.query('select actor_id, actor_kind, action, target, before, after from public.audit_log where workspace_id = $1 order by id', [ws]);
    expect(rows).toEqual([
      { actor_id: null, actor_kind: 'system', action: 'member.join', target: member, before: null, after: { role: 'member' } },
      { actor_id: owner, actor_kind: 'owner', action: 'member.role_change', target: member, before: { role: 'member' }, after: { role: 'admin' } },
      { actor_id: owner, actor_kind: 'owner', action: 'member.remove', target: member, before: { role: 'admin' }, after: null },
    ]);
    await pg.query('delete from auth.users where id = $1', [owner]);
    const deleted = await pg.query(`select actor_id, action, workspace_id from public.audit_log where target = $1 and action = 'account.delete'`, [owner]);
    expect(deleted.rows).toEqual([{ actor_id: owner, action: 'account.delete', workspace_id: null }]);
    // The workspace's own trail outlives it (no cascade), and the cascade added no member.remove rows.
    expect((await pg.query('select count(*)::int as n from public.audit_log where workspace_id = $1', [ws])).rows[0].n).toBe(3);
  });
});
