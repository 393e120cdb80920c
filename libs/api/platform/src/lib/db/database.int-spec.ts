import { sql } from 'kysely';
import { testConfig } from '../../testing';
import { Database, IDLE_IN_TRANSACTION_TIMEOUT_MS, STATEMENT_TIMEOUT_MS } from './database';

describe('Database', () => {
  const db = new Database(testConfig());
  afterAll(() => db.onApplicationShutdown());

  it('runs user work as role authenticated with the claims auth.uid() reads, then resets', async () => {
    const sub = '6f1e7c1a-1111-4222-8333-944445555666';
    const inside = await db.asUser({ sub, email: 'a@example.com', role: 'service_role' }, async (tx) =>
      (await sql<{ role: string; uid: string; jwt_role: string }>`select current_user as role, auth.uid() as uid, auth.role() as jwt_role`.execute(tx)).rows[0],
    );
    // The token's own role claim is never trusted.
    expect(inside).toEqual({ role: 'authenticated', uid: sub, jwt_role: 'authenticated' });
    const after = await db.asService(async (tx) => (await sql<{ uid: string | null }>`select auth.uid() as uid`.execute(tx)).rows[0]);
    expect(after.uid).toBeNull();
  });

  it('gives every pooled connection a statement deadline and ends transactions left idle', async () => {
    const settings = await db.asService(async (tx) =>
      (await sql<{ statement: string; idle: string }>`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`.execute(tx)).rows[0],
    );
    expect(settings).toEqual({ statement: `${STATEMENT_TIMEOUT_MS / 1000}s`, idle: `${IDLE_IN_TRANSACTION_TIMEOUT_MS / 1000}s` });
  });

  it('rolls the whole transaction back when the work fails', async () => {
    await expect(
      db.asService(async (tx) => {
        await sql`create table rollback_probe (id int)`.execute(tx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const exists = await db.asService(async (tx) => (await sql<{ t: string | null }>`select to_regclass('public.rollback_probe')::text as t`.execute(tx)).rows[0]);
    expect(exists.t).toBeNull();
  });
});
