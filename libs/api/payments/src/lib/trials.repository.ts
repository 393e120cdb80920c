import { Injectable } from '@nestjs/common';
import type { SubscriptionsTable, Tx } from '@raptorflow/api-platform';
import type { ReminderKind } from '@raptorflow/contracts';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';

export type ReminderCandidate = Pick<Selectable<SubscriptionsTable>, 'workspace_id' | 'plan_id' | 'period' | 'status' | 'current_period_end'>;

/** The SQL of trials (workspace_trials) and renewal reminders (subscription_reminders). Service role only. */
@Injectable()
export class TrialsRepository {
  /** The workspace's one trial; undefined when it already had one (the primary key decides). */
  insertTrial(tx: Tx, workspaceId: string, planId: string, startedBy: string, days: number): Promise<{ ends_at: Date } | undefined> {
    return tx
      .insertInto('workspace_trials')
      .values({ workspace_id: workspaceId, plan_id: planId as ReminderCandidate['plan_id'], started_by: startedBy, ends_at: sql<Date>`now() + make_interval(days => ${days})` })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .returning('ends_at')
      .executeTakeFirst();
  }

  /** What stands in the way of a trial (asUser: row-level security shows only the caller's workspaces). */
  async trialFacts(tx: Tx, workspaceId: string): Promise<{ used: boolean; subscribed: boolean }> {
    const used = await tx.selectFrom('workspace_trials').select('workspace_id').where('workspace_id', '=', workspaceId).executeTakeFirst();
    const subscribed = await tx.selectFrom('subscriptions').select('id').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return { used: !!used, subscribed: !!subscribed };
  }

  /** A trialing subscription until `endsAt`; undefined when the workspace already has a subscription row. */
  insertTrialSubscription(tx: Tx, workspaceId: string, planId: string, endsAt: Date): Promise<{ id: string } | undefined> {
    return tx
      .insertInto('subscriptions')
      .values({
        workspace_id: workspaceId,
        plan_id: planId as ReminderCandidate['plan_id'],
        period: 'month',
        status: 'trialing',
        current_period_start: sql<Date>`now()`,
        current_period_end: endsAt,
        trial_ends_at: endsAt,
      })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  /** Running trials and active terms whose period ends within `days` of `now` (the reminder sweep's search). */
  endingWithin(tx: Tx, now: Date, days: number): Promise<ReminderCandidate[]> {
    return tx
      .selectFrom('subscriptions')
      .select(['workspace_id', 'plan_id', 'period', 'status', 'current_period_end'])
      .where('status', 'in', ['active', 'trialing'])
      .where('current_period_end', '>', now)
      .where('current_period_end', '<=', sql<Date>`${now}::timestamptz + make_interval(days => ${days})`)
      .orderBy('current_period_end')
      .limit(1000)
      .execute();
  }

  /** The subscription as it is now, locked: a renewal or cancel that came first is seen. */
  lockSubscription(tx: Tx, workspaceId: string): Promise<ReminderCandidate | undefined> {
    return tx
      .selectFrom('subscriptions')
      .select(['workspace_id', 'plan_id', 'period', 'status', 'current_period_end'])
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  }

  /** False when this reminder of this period was sent before. */
  async recordReminder(tx: Tx, workspaceId: string, kind: ReminderKind, periodEnd: Date): Promise<boolean> {
    const row = await tx
      .insertInto('subscription_reminders')
      .values({ workspace_id: workspaceId, kind, period_end: periodEnd })
      .onConflict((oc) => oc.doNothing())
      .returning('kind')
      .executeTakeFirst();
    return !!row;
  }
}
