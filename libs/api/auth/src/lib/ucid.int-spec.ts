// UCIDs through the real trigger on auth.users: RF-YYYY-NNNN with 4 or more digits, one sequence per year, never reused.
import { Client } from 'pg';
import { asAuthAdmin } from '../testing';

const UCID = /^RF-(\d{4})-(\d{4,})$/;
// Years nobody else signs up in, so the sequences start at 1.
const SIGN_UPS = { 2091: 20_000, 2092: 30 };
const BATCH = 2_000;

describe('UCIDs', () => {
  let pg: Client;

  beforeAll(async () => {
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.query(`delete from auth.users where email like 'ucid-%@example.com'`);
    await pg?.query('delete from public.ucid_counters where year = any($1)', [Object.keys(SIGN_UPS)]);
    await pg?.end();
  });

  it('numbers 20,000 sign-ups in one year and more in the next, unique, well-formed and increasing', async () => {
    // Set-based inserts as GoTrue's role; the trigger creates each profile and draws its UCID in insert order.
    // Batches commit separately because ensure_profile takes one advisory lock per user.
    await asAuthAdmin(async (c) => {
      for (const [year, count] of Object.entries(SIGN_UPS)) {
        for (let from = 1; from <= count; from += BATCH) {
          await c.query(
            `insert into auth.users (id, aud, role, email, raw_user_meta_data, raw_app_meta_data, created_at, updated_at)
             select gen_random_uuid(), 'authenticated', 'authenticated', 'ucid-' || $1 || '-' || i || '@example.com', '{}', '{"provider":"email"}',
                    make_timestamptz($1::int, 1, 1, 0, 0, 0, 'UTC') + i * interval '1 second', now()
             from generate_series($2::int, $3::int) i order by i`,
            [year, from, Math.min(count, from + BATCH - 1)],
          );
        }
      }
    });
    const { rows } = await pg.query<{ ucid: string; year: number }>(
      `select p.ucid, extract(year from a.created_at at time zone 'UTC')::int as year
       from auth.users a join public.users p on p.id = a.id where a.email like 'ucid-%@example.com' order by a.created_at`,
    );
    expect(rows.length).toBe(SIGN_UPS[2091] + SIGN_UPS[2092]);
    expect(rows.filter((r) => !UCID.test(r.ucid) || r.ucid.slice(3, 7) !== String(r.year))).toEqual([]);
    expect(new Set(rows.map((r) => r.ucid)).size).toBe(rows.length);
    for (const [year, count] of Object.entries(SIGN_UPS)) {
      // Increasing from 1 without gaps: sign-up n of the year is number n.
      const numbers = rows.filter((r) => r.year === Number(year)).map((r) => Number(UCID.exec(r.ucid)?.[2]));
      expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    }
    const ucids = new Set(rows.map((r) => r.ucid));
    expect(['RF-2091-0001', 'RF-2091-1000', 'RF-2091-9999', 'RF-2091-10000', 'RF-2091-20000', 'RF-2092-0030'].filter((u) => !ucids.has(u))).toEqual([]);
  }, 120_000);
});
