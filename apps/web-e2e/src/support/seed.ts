import { SAMPLE_BUSINESS_CONTEXT, SCHEMA_VERSION, normalizeAnswers } from '@raptorflow/contracts';
import type { Client } from 'pg';
import { withDb, workspaceOf } from './db';

// Puts a freshly signed-up user where a finished onboarding leaves them (paid, onboarded, one finalized
// business context) straight in Postgres, as superuser, so specs about the app need not click through payment and 23 steps.
// `keepSubscription`: onboard only, leaving the subscription the user got in the browser (a trial, say).
export async function seedOnboardedWorkspace(email: string, { keepSubscription = false } = {}): Promise<{ workspaceId: string }> {
  const { userId, workspaceId } = await workspaceOf(email);
  await withDb(async (client) => {
    await client.query('begin');
    try {
      if (!keepSubscription) await client.query(
        `insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
         values ($1, 'growth', 'month', 'active', now(), now() + interval '30 days')
         on conflict (workspace_id) do update set status = 'active', current_period_end = excluded.current_period_end`,
        [workspaceId],
      );
      await client.query(`update public.workspaces set onboarding_status = 'completed' where id = $1`, [workspaceId]);
      await insertContext(client, workspaceId, userId, normalizeAnswers(SAMPLE_BUSINESS_CONTEXT));
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });
  return { workspaceId };
}

/**
 * A newer context the BCM builder rejects, as one saved under an older catalog would be (here: no company name):
 * the next rebuild fails for good.
 */
export async function addUnbuildableBusinessContext(email: string): Promise<void> {
  const { userId, workspaceId } = await workspaceOf(email);
  const data = normalizeAnswers(SAMPLE_BUSINESS_CONTEXT) as unknown as Record<string, Record<string, unknown>>;
  const broken = { ...data, company: { ...data['company'], companyName: undefined } };
  await withDb((client) => insertContext(client, workspaceId, userId, broken));
}

async function insertContext(client: Client, workspaceId: string, userId: string, data: object): Promise<void> {
  await client.query(
    `insert into public.business_contexts (workspace_id, version, data, schema_version, created_by)
     values ($1, coalesce((select max(version) from public.business_contexts where workspace_id = $1), 0) + 1, $2, $3, $4)`,
    [workspaceId, JSON.stringify(data), SCHEMA_VERSION, userId],
  );
}
