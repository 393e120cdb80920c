// No back door around the API: the Data API serves none of our schemas, and what `authenticated` may select of the
// payment tables leaves out PhonePe's payloads, checkout URLs and operator identities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parse } from 'smol-toml';

const PRIVATE_COLUMNS: Record<string, string[]> = {
  payment_transactions: ['last_payload', 'checkout_url', 'provider_order_id', 'provider_transaction_id'],
  refunds: ['requested_by', 'provider_refund_id'],
};

describe('Data API back door', () => {
  let pg: Client;
  beforeAll(async () => {
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });
  afterAll(() => pg?.end());

  it('is closed in supabase/config.toml, and sign-ups confirm their e-mail like on a Supabase project', () => {
    const config = parse(readFileSync(join(__dirname, '../../../../supabase/config.toml'), 'utf8')) as {
      api: { enabled: boolean; schemas: string[] };
      auth: { email: { enable_confirmations: boolean } };
    };
    expect(config.api.enabled).toBe(false);
    expect(config.api.schemas).toEqual([]);
    expect(config.auth.email.enable_confirmations).toBe(true);
  });

  it('lets authenticated select no payload, checkout URL or operator identity, even with a direct query', async () => {
    for (const [table, columns] of Object.entries(PRIVATE_COLUMNS)) {
      for (const column of [...columns, '*']) {
        await pg.query('begin');
        try {
          await pg.query(`set local role authenticated`);
          await expect(pg.query(`select ${column} from public.${table}`)).rejects.toMatchObject({ code: '42501' });
        } finally {
          await pg.query('rollback');
        }
      }
    }
    const granted = await pg.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.column_privileges
        where grantee = 'authenticated' and privilege_type = 'SELECT' and table_schema = 'public' and table_name = any($1)`,
      [Object.keys(PRIVATE_COLUMNS)],
    );
    expect(granted.rows.length).toBeGreaterThan(10);
    expect(granted.rows.filter((r) => PRIVATE_COLUMNS[r.table_name].includes(r.column_name))).toEqual([]);
  });

  it('still lets a member read the columns the API shows', async () => {
    await pg.query('begin');
    try {
      await pg.query(`set local role authenticated`);
      await pg.query(`select merchant_order_id, plan_id, period, amount, state, error_code, refunded_amount, captured_amount, created_at, completed_at from public.payment_transactions`);
      await pg.query(`select merchant_refund_id, merchant_order_id, amount, state, reason, created_at, completed_at from public.refunds`);
    } finally {
      await pg.query('rollback');
    }
  });
});
