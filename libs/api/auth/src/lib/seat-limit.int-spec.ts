// Database test: the seat limit holds for any insert into workspace_members, not only for the API's checks.
import { PLANS } from '@raptorflow/contracts';
import { Client } from 'pg';
import { setSubscription, TestIdentityProvider } from '../testing';

describe('seat limits in SQL', () => {
  let idp: TestIdentityProvider;
  let pg: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(async () => {
    await idp?.close();
    await pg?.end();
  });

  const workspaceOf = async (ownerId: string): Promise<string> => (await pg.query('select id from workspaces where owner_id = $1', [ownerId])).rows[0].id;
  const join = async (workspaceId: string) => {
    const user = await idp.createUser();
    return pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [workspaceId, user.id]).then(
      () => 'joined',
      (error: { constraint?: string }) => error.constraint ?? 'other error',
    );
  };

  it('knows the seats of every plan in the catalog', async () => {
    const { rows } = await pg.query(`select p.id, public.plan_seats(p.id) as seats from unnest($1::text[]) as p(id)`, [PLANS.map((p) => p.id)]);
    expect(rows).toEqual(PLANS.map((p) => ({ id: p.id, seats: p.seats })));
  });

  it('refuses a direct insert past the seat limit, even from a connection that bypasses row-level security', async () => {
    const alone = await workspaceOf((await idp.createUser()).id);
    expect(await join(alone)).toBe('workspace_members_seat_limit');

    const team = await workspaceOf((await idp.createUser()).id);
    await setSubscription(pg, team, 'active', 30, 'growth');
    const growthSeats = PLANS.find((p) => p.id === 'growth')?.seats as number;
    for (let i = 1; i < growthSeats; i++) expect(await join(team)).toBe('joined');
    expect(await join(team)).toBe('workspace_members_seat_limit');
    expect((await pg.query('select count(*)::int as n from workspace_members where workspace_id = $1', [team])).rows[0].n).toBe(growthSeats);
  });

  it('lets only one of two concurrent joins take the last seat', async () => {
    const team = await workspaceOf((await idp.createUser()).id);
    await setSubscription(pg, team, 'active', 30, 'growth');
    const growthSeats = PLANS.find((p) => p.id === 'growth')?.seats as number;
    for (let i = 2; i < growthSeats; i++) await join(team);
    const other = new Client({ connectionString: process.env['DATABASE_URL'] });
    await other.connect();
    try {
      const [a, b] = [await idp.createUser(), await idp.createUser()];
      await pg.query('begin');
      await other.query('begin');
      await pg.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [team, a.id]);
      const second = other.query(`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [team, b.id]).then(
        () => 'joined',
        (error: { constraint?: string }) => error.constraint,
      );
      await pg.query('commit');
      expect(await second).toBe('workspace_members_seat_limit');
      await other.query('rollback');
    } finally {
      await other.end();
    }
  });
});
