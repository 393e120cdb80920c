import { SAMPLE_BUSINESS_CONTEXT, SCHEMA_VERSION, normalizeAnswers } from '@raptorflow/contracts';
import { Client } from 'pg';

// Puts a freshly signed-up user where a finished onboarding leaves them (paid, onboarded, one finalized
// business context) straight in Postgres, as superuser, so app specs need not click through payment and 23 steps.
export async function seedOnboardedWorkspace(email: string): Promise<{ workspaceId: string }> {
  const client = await connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ id: string; workspace_id: string }>('select id, current_workspace_id as workspace_id from public.users where email = $1', [email]);
    if (!rows[0]?.workspace_id) throw new Error(`No workspace for ${email}: sign up first`);
    const { id: userId, workspace_id: workspaceId } = rows[0];
    await client.query(
      `insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
       values ($1, 'growth', 'month', 'active', now(), now() + interval '30 days')
       on conflict (workspace_id) do update set status = 'active', current_period_end = excluded.current_period_end`,
      [workspaceId],
    );
    await client.query(`update public.workspaces set onboarding_status = 'completed' where id = $1`, [workspaceId]);
    await insertContext(client, workspaceId, userId, SAMPLE_BUSINESS_CONTEXT);
    await client.query('commit');
    return { workspaceId };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/** A newer finalized business context (as if onboarding answers were edited): the manifest becomes stale. */
export async function addEditedBusinessContext(email: string): Promise<void> {
  const client = await connect();
  try {
    const { rows } = await client.query<{ id: string; workspace_id: string }>('select id, current_workspace_id as workspace_id from public.users where email = $1', [email]);
    const edited = { ...SAMPLE_BUSINESS_CONTEXT, offering: { ...SAMPLE_BUSINESS_CONTEXT.offering, oneLiner: 'GST reconciliation and month-end close on autopilot for Indian SMBs' } };
    await insertContext(client, rows[0].workspace_id, rows[0].id, edited);
  } finally {
    await client.end();
  }
}

async function connect(): Promise<Client> {
  const connectionString = process.env['DATABASE_URL'];
  if (!connectionString) throw new Error('DATABASE_URL must point at the e2e database');
  const client = new Client({ connectionString });
  await client.connect();
  return client;
}

async function insertContext(client: Client, workspaceId: string, userId: string, data: typeof SAMPLE_BUSINESS_CONTEXT): Promise<void> {
  await client.query(
    `insert into public.business_contexts (workspace_id, version, data, schema_version, created_by)
     values ($1, coalesce((select max(version) from public.business_contexts where workspace_id = $1), 0) + 1, $2, $3, $4)`,
    [workspaceId, JSON.stringify(normalizeAnswers(data)), SCHEMA_VERSION, userId],
  );
}
