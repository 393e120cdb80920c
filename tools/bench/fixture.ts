// The scale fixture: N founders signed up through the real trigger on auth.users (profile, workspace, owner
// membership, UCID), then their workspaces filled with set-based inserts in the shapes the code writes: business
// contexts (SAMPLE_BUSINESS_CONTEXT), manifests with history (buildBcm), bcm_state, weekly moves (suggestMoves),
// campaigns, subscriptions, payments with their webhooks, and drafts (some abandoned, for the cleanup job).
//
// Workspace n (1..N) by n % 10: 0-6 onboarded and paid (2 contexts, 3 manifest versions, 4 weeks of moves, 2 campaigns),
// 7-8 paid and half-way through onboarding (a draft), 9 not paid (a failed checkout, a draft abandoned 31-90 days ago).
import { Client } from 'pg';
import { buildBcm } from '../../libs/api/bcm/src/lib/bcm.builder';
import { suggestMoves } from '../../libs/api/moves/src/lib/moves.generator';
import { addWeeks, currentWeek } from '../../libs/api/moves/src/lib/moves.week';
import { PLANS, SAMPLE_BUSINESS_CONTEXT, SCHEMA_VERSION, STEP_IDS } from '../../libs/shared/contracts/src/index';

export const FIXTURE_EMAIL = (n: number) => `scale-${n}@example.com`;
const SIGN_UP_BATCH = 2_000;
const DATA_BATCH = 10_000;
const MANIFEST_VERSIONS = 3;
const MOVE_WEEKS = 4;

export interface FixtureResult {
  workspaces: number;
  signUpSeconds: number;
  dataSeconds: number;
  rows: Record<string, number>;
}

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Signs up founders from+1..from+count as GoTrue does (as supabase_auth_admin), in batches; returns seconds. */
export async function signUpFounders(databaseUrl: string, from: number, count: number, emailOf = FIXTURE_EMAIL): Promise<number> {
  const auth = await connect(withUser(databaseUrl, 'supabase_auth_admin'));
  const started = performance.now();
  try {
    // ensure_profile takes one advisory lock per user: batches keep each transaction's lock count bounded.
    for (let first = from + 1; first <= from + count; first += SIGN_UP_BATCH) {
      const last = Math.min(from + count, first + SIGN_UP_BATCH - 1);
      const emails = Array.from({ length: last - first + 1 }, (_, i) => emailOf(first + i));
      await auth.query(
        `insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data, raw_app_meta_data, created_at, updated_at)
         select gen_random_uuid(), 'authenticated', 'authenticated', e.email, '', now(), jsonb_build_object('full_name', 'Founder ' || split_part(split_part(e.email, '@', 1), '-', 2)), '{"provider":"email","providers":["email"]}',
                now() - make_interval(days => (e.n % 365)::int), now()
         from unnest($1::text[]) with ordinality as e(email, n) order by e.n`,
        [emails],
      );
    }
  } finally {
    await auth.end();
  }
  return (performance.now() - started) / 1000;
}

/** Fills a prepared, empty database with `workspaces` founders and their data. */
export async function fillFixture(databaseUrl: string, workspaces: number, log: (line: string) => void = () => undefined): Promise<FixtureResult> {
  log(`signing up ${workspaces.toLocaleString('en-US')} founders through the auth.users trigger…`);
  const signUpSeconds = await signUpFounders(databaseUrl, 0, workspaces);
  log(`  ${Math.round(workspaces / signUpSeconds).toLocaleString('en-US')} sign-ups/s`);

  const pg = await connect(databaseUrl);
  const started = performance.now();
  try {
    const context = SAMPLE_BUSINESS_CONTEXT;
    const contextV1 = { ...context, review: { ...(context as unknown as { review?: object }).review, risks: 'first draft' } };
    const generatedAt = (v: number) => new Date(Date.now() - (MANIFEST_VERSIONS - v) * 86_400_000).toISOString();
    const manifests = Array.from({ length: MANIFEST_VERSIONS }, (_, i) =>
      buildBcm(i === 0 ? (contextV1 as typeof context) : context, { version: i + 1, sourceContextVersion: i === 0 ? 1 : 2, generatedAt: generatedAt(i + 1) }),
    );
    const thisWeek = currentWeek(new Date());
    const weeks = Array.from({ length: MOVE_WEEKS }, (_, i) => addWeeks(thisWeek, -i));
    const moves = weeks.flatMap((week, w) =>
      suggestMoves(manifests[MANIFEST_VERSIONS - 1], week).map((s, rank) => ({
        week,
        suggestion_key: s.suggestionKey,
        suggestion_rank: rank + 1,
        title: s.title,
        icp_id: s.icpId,
        channel: s.channel,
        type: s.type,
        effort_hours: s.effortHours,
        expected_outcome: s.expectedOutcome,
        // Older weeks were worked through: the founder planned or finished some suggestions.
        status: w === 0 ? 'suggested' : rank === 0 ? 'done' : rank === 1 ? 'planned' : 'suggested',
        edited_by_user: w > 0 && rank < 2,
        campaign: rank % 2 === 0 ? 1 : 2,
      })),
    );
    const draftSteps = STEP_IDS.slice(0, 8);
    const draftAnswers = Object.fromEntries(draftSteps.map((id) => [id, (context as unknown as Record<string, unknown>)[id] ?? {}]));
    const price = (plan: string, period: 'month' | 'year') => PLANS.find((p) => p.id === plan)?.prices[period] as number;

    await pg.query(`create temp table fx (n int primary key, user_id uuid not null, workspace_id uuid not null, ucid text not null)`);
    await pg.query(
      `insert into fx select split_part(split_part(a.email, '@', 1), '-', 2)::int, u.id, w.id, u.ucid
       from auth.users a join public.users u on u.id = a.id join public.workspaces w on w.owner_id = u.id
       where a.email like 'scale-%@example.com'`,
    );
    const total = Number((await pg.query(`select count(*) from fx`)).rows[0].count);
    if (total !== workspaces) throw new Error(`expected ${workspaces} fixture workspaces, found ${total}`);

    for (let first = 1; first <= workspaces; first += DATA_BATCH) {
      const last = Math.min(workspaces, first + DATA_BATCH - 1);
      const range = [first, last];
      await pg.query('begin');
      // Each onboarded workspace's two campaigns get their ids here, so its moves can link to them without a lookup.
      await pg.query(`create temp table b on commit drop as select *, gen_random_uuid() as c1, gen_random_uuid() as c2 from fx limit 0`);
      await pg.query(`insert into b select *, gen_random_uuid(), gen_random_uuid() from fx where n between $1 and $2`, range);
      // Money first: subscriptions for the paid (n % 10 < 9), a completed checkout each, a failed one for every fifth.
      await pg.query(
        `insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
         select workspace_id, (array['starter','growth','pro'])[n % 3 + 1], 'month', 'active', now() - make_interval(days => n % 30), now() + make_interval(days => 30 - n % 30)
         from b where n % 10 < 9`,
      );
      await pg.query(
        `insert into public.payment_transactions (merchant_order_id, workspace_id, user_id, plan_id, period, amount, state, provider_order_id, provider_transaction_id,
                                                  checkout_url, expire_at, error_code, applied_at, completed_at, created_at, last_payload, captured_amount)
         select 'RF_' || ucid || '_' || lpad(to_hex(n), 8, '0') || k, workspace_id, user_id, (array['starter','growth','pro'])[n % 3 + 1], 'month',
                (array[$1::int, $2::int, $3::int])[n % 3 + 1], case when k = 1 then 'FAILED' else 'COMPLETED' end,
                'OMO' || lpad(to_hex(n), 12, '0') || k, 'OM' || lpad(to_hex(n), 12, '0') || k,
                'http://127.0.0.1/checkout/' || n || '/' || k, now() - make_interval(days => n % 30) + interval '10 minutes',
                case when k = 1 then 'PAYMENT_DECLINED' end, case when k = 2 then now() - make_interval(days => n % 30) end,
                now() - make_interval(days => n % 30), now() - make_interval(days => n % 30, mins => 3 - k),
                jsonb_build_object('state', case when k = 1 then 'FAILED' else 'COMPLETED' end, 'orderId', 'OMO' || lpad(to_hex(n), 12, '0') || k),
                case when k = 2 then (array[$1::int, $2::int, $3::int])[n % 3 + 1] end
         from b cross join generate_series(1, 2) k
         where (k = 2 and n % 10 < 9) or (k = 1 and (n % 5 = 0 or n % 10 = 9))`,
        [price('starter', 'month'), price('growth', 'month'), price('pro', 'month')],
      );
      await pg.query(
        `insert into public.webhook_events (dedupe_key, event, merchant_order_id, state, payload, outcome, received_at)
         select 'checkout.order.' || lower(t.state) || ':' || t.merchant_order_id || ':' || t.state, 'checkout.order.' || lower(t.state), t.merchant_order_id, t.state,
                jsonb_build_object('event', 'checkout.order.' || lower(t.state), 'merchantOrderId', t.merchant_order_id, 'state', t.state, 'amount', t.amount),
                'applied', t.completed_at
         from public.payment_transactions t join b on b.workspace_id = t.workspace_id`,
      );
      // A partial refund of every twentieth paid order, and one live GoTrue session per founder.
      await pg.query(
        `insert into public.refunds (merchant_refund_id, merchant_order_id, amount, state, requested_by, created_at)
         select 'RFR_' || lpad(to_hex(b.n), 10, '0'), t.merchant_order_id, 10000, 'PENDING', 'fixture', t.completed_at + interval '1 day'
         from public.payment_transactions t join b on b.workspace_id = t.workspace_id where t.state = 'COMPLETED' and b.n % 20 = 0`,
      );
      // UPI Autopay: every fourth Starter or Growth workspace paid its first month through a mandate setup order.
      await pg.query(
        `insert into public.mandates (workspace_id, user_id, merchant_subscription_id, provider_subscription_id, setup_order_id, plan_id, period, state, max_amount, amount, frequency, valid_until, next_debit_at, next_debit_amount)
         select t.workspace_id, t.user_id, 'RFS_' || lpad(to_hex(b.n), 10, '0'), 'OMS' || lpad(to_hex(b.n), 12, '0'), t.merchant_order_id, t.plan_id, 'month', 'active',
                t.amount, t.amount, 'MONTHLY', now() + interval '5 years', now() + make_interval(days => 30 - b.n % 30), t.amount
         from public.payment_transactions t join b on b.workspace_id = t.workspace_id
         where t.state = 'COMPLETED' and t.plan_id in ('starter', 'growth') and b.n % 4 = 0`,
      );
      await pg.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) select gen_random_uuid(), user_id, now(), now(), 'aal1' from b`);
      // Onboarded workspaces (n % 10 < 7): two context versions, three manifests (history), the latest pointer.
      await pg.query(
        `insert into public.business_contexts (workspace_id, version, data, schema_version, created_by, created_at)
         select workspace_id, v, case v when 1 then $1::jsonb else $2::jsonb end, $3, user_id, now() - make_interval(days => 3 - v)
         from b cross join generate_series(1, 2) v where n % 10 < 7`,
        [JSON.stringify(contextV1), JSON.stringify(context), SCHEMA_VERSION],
      );
      await pg.query(
        `insert into public.bcm_manifests (workspace_id, version, source_context_version, schema_version, manifest, checksum, created_at)
         select b.workspace_id, (m.manifest->>'version')::int, (m.manifest->>'sourceContextVersion')::int, (m.manifest->>'schemaVersion')::int, m.manifest,
                m.manifest->>'checksum', (m.manifest->>'generatedAt')::timestamptz
         from b cross join jsonb_array_elements($1::jsonb) m(manifest) where b.n % 10 < 7`,
        [JSON.stringify(manifests)],
      );
      await pg.query(
        `insert into public.bcm_state (workspace_id, latest_version, status, last_job_id, updated_at)
         select workspace_id, $1, 'idle', 'rebuild:' || workspace_id, now() from b where n % 10 < 7`,
        [MANIFEST_VERSIONS],
      );
      await pg.query(`update public.workspaces w set onboarding_status = 'completed' from b where b.workspace_id = w.id and b.n % 10 < 7`);
      await pg.query(
        `insert into public.campaigns (id, workspace_id, name, icp_id, goal, metric, target, start_date, end_date, created_by)
         select case c.k when 1 then c1 else c2 end, workspace_id, c.name, c.icp, c.goal, c.metric, c.target, $1::date - 21, $1::date + 35, user_id
         from b cross join (values (1, 'Q1 pipeline', 'primary', 'leads', 'qualified demos', 40), (2, 'Partner referrals', 'secondary-1', 'revenue', 'MRR from partners (INR)', 250000))
           as c(k, name, icp, goal, metric, target)
         where n % 10 < 7`,
        [thisWeek],
      );
      await pg.query(
        `insert into public.moves (workspace_id, week, title, icp_id, channel, type, effort_hours, expected_outcome, status, source, suggestion_key, suggestion_rank,
                                   edited_by_user, campaign_id, completed_at)
         select b.workspace_id, m.week, m.title, m.icp_id, m.channel, m.type, m.effort_hours, m.expected_outcome, m.status, 'generated', m.suggestion_key,
                m.suggestion_rank, m.edited_by_user, case m.campaign when 1 then b.c1 else b.c2 end, case when m.status = 'done' then m.week + interval '3 days' end
         from b cross join jsonb_to_recordset($1::jsonb) as m(week date, title text, icp_id text, channel text, type text, effort_hours numeric, expected_outcome text,
                                                               status text, suggestion_key text, suggestion_rank smallint, edited_by_user boolean, campaign int)
         where b.n % 10 < 7`,
        [JSON.stringify(moves)],
      );
      // Drafts (n % 10 >= 7): half-way through; the unpaid ones were abandoned 31-90 days ago.
      await pg.query(
        `insert into public.onboarding_drafts (workspace_id, answers, completed_steps, current_step, updated_by, updated_at)
         select workspace_id, $1::jsonb, $2::text[], $3, user_id,
                case when n % 10 = 9 then now() - make_interval(days => 31 + n % 60) else now() - make_interval(hours => n % 240) end
         from b where n % 10 >= 7`,
        [JSON.stringify(draftAnswers), draftSteps, STEP_IDS[draftSteps.length]],
      );
      await pg.query('commit');
      log(`  ${last.toLocaleString('en-US')} workspaces filled`);
    }
    await pg.query('vacuum analyze');
    const rows = (
      await pg.query<{ relname: string; n: string }>(
        `select c.relname, c.reltuples::bigint as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
         where s.nspname = 'public' and c.relkind = 'r' order by 1`,
      )
    ).rows;
    return { workspaces, signUpSeconds, dataSeconds: (performance.now() - started) / 1000, rows: Object.fromEntries(rows.map((r) => [r.relname, Number(r.n)])) };
  } catch (error) {
    await pg.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await pg.end();
  }
}
