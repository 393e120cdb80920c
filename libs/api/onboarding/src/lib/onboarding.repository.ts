import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '@raptorflow/api-platform';
import type { OnboardingAnswers, StepId } from '@raptorflow/contracts';
import { sql } from 'kysely';

/** What onboarding decides on about a workspace; who may do what there is WorkspaceAccess's answer. */
export interface OnboardingWorkspaceRow {
  workspace_id: string;
  onboarding_status: 'not_started' | 'in_progress' | 'completed';
  draft_revision: string | null;
  context_version: number | null;
}

export interface DraftRow {
  answers: OnboardingAnswers;
  completed_steps: StepId[];
  current_step: StepId;
  revision: string;
  updated_at: Date;
}

export interface ContextRow {
  version: number;
  data: Record<string, unknown>;
  schema_version: number;
  created_at: Date;
}

export interface DraftWrite {
  answers: OnboardingAnswers;
  completedSteps: StepId[];
  currentStep: StepId;
  userId: string;
}

const DRAFT_COLUMNS = ['answers', 'completed_steps', 'current_step', 'revision', 'updated_at'] as const;

/** Onboarding SQL. Methods take the caller's transaction: asUser (RLS applies) or asService (finalize, cleanup). */
@Injectable()
export class OnboardingRepository {
  /** The workspace's onboarding status, draft revision and latest context version. `lock` takes the workspace row for update. */
  async workspace(tx: Tx, workspaceId: string, lock = false): Promise<OnboardingWorkspaceRow | undefined> {
    let query = tx
      .selectFrom('workspaces as w')
      .leftJoin('onboarding_drafts as d', 'd.workspace_id', 'w.id')
      .select((eb) => [
        'w.id as workspace_id',
        'w.onboarding_status',
        'd.revision as draft_revision',
        eb.selectFrom('business_contexts as c').whereRef('c.workspace_id', '=', 'w.id').select((c) => c.fn.max('c.version').as('v')).as('context_version'),
      ])
      .where('w.id', '=', workspaceId);
    if (lock) query = query.forUpdate('w');
    const row = await query.executeTakeFirst();
    return row as OnboardingWorkspaceRow | undefined;
  }

  async draft(tx: Tx, workspaceId: string, lock = false): Promise<DraftRow | undefined> {
    let query = tx.selectFrom('onboarding_drafts').select(DRAFT_COLUMNS).where('workspace_id', '=', workspaceId);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) as DraftRow | undefined;
  }

  /** Creates the draft if there is none: seeded from the latest context, so editing after finalize starts from it. */
  async ensureDraft(tx: Tx, workspaceId: string, userId: string, allSteps: readonly StepId[]): Promise<void> {
    await sql`
      insert into onboarding_drafts (workspace_id, answers, completed_steps, current_step, updated_by)
      select ${workspaceId}::uuid, coalesce(c.data, '{}'::jsonb),
             case when c.data is null then '{}'::text[] else ${sql.val([...allSteps])}::text[] end,
             case when c.data is null then 'company' else 'review' end, ${userId}::uuid
      from (select 1) one
      left join lateral (select data from business_contexts where workspace_id = ${workspaceId}::uuid order by version desc limit 1) c on true
      on conflict (workspace_id) do nothing`.execute(tx);
  }

  /** Overwrites the draft; with `revision`, only if that is still the stored one (else undefined). Returns its stamps. */
  async writeDraft(tx: Queryable, workspaceId: string, draft: DraftWrite, revision?: number): Promise<Pick<DraftRow, 'revision' | 'updated_at'> | undefined> {
    let query = tx
      .updateTable('onboarding_drafts')
      .set({
        answers: JSON.stringify(draft.answers),
        completed_steps: draft.completedSteps,
        current_step: draft.currentStep,
        revision: sql`nextval('public.onboarding_draft_revision_seq')`,
        updated_by: draft.userId,
        updated_at: sql`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      // Checked by the write itself: a service-role save may come from a cached grant the writer has since lost.
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('workspace_members')
            .select('user_id')
            .where('workspace_id', '=', workspaceId)
            .where('user_id', '=', draft.userId)
            .where('role', 'in', ['owner', 'admin']),
        ),
      )
      .returning(['revision', 'updated_at']);
    if (revision !== undefined) query = query.where('revision', '=', String(revision));
    return query.executeTakeFirst();
  }

  async deleteDraft(tx: Tx, workspaceId: string): Promise<void> {
    await tx.deleteFrom('onboarding_drafts').where('workspace_id', '=', workspaceId).execute();
  }

  async latestContext(tx: Tx, workspaceId: string): Promise<ContextRow | undefined> {
    return tx
      .selectFrom('business_contexts')
      .select(['version', 'data', 'schema_version', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Version N+1; the caller holds the workspace lock, so N+1 is free. */
  async insertContext(tx: Tx, workspaceId: string, data: object, schemaVersion: number, userId: string): Promise<ContextRow> {
    return tx
      .insertInto('business_contexts')
      .values((eb) => ({
        workspace_id: workspaceId,
        version: eb
          .selectFrom('business_contexts')
          .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
          .where('workspace_id', '=', workspaceId),
        data: JSON.stringify(data),
        schema_version: schemaVersion,
        created_by: userId,
      }))
      .returning(['version', 'data', 'schema_version', 'created_at'])
      .executeTakeFirstOrThrow();
  }

  async markCompleted(tx: Tx, workspaceId: string): Promise<void> {
    await tx.updateTable('workspaces').set({ onboarding_status: 'completed' }).where('id', '=', workspaceId).execute();
  }

  /** Deletes drafts not saved since `days` ago, in one statement (concurrent runs split the rows, never double-count). */
  async deleteAbandonedDrafts(tx: Tx, days: number): Promise<string[]> {
    const rows = await tx
      .deleteFrom('onboarding_drafts')
      .where('updated_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
      .returning('workspace_id')
      .execute();
    return rows.map((r) => r.workspace_id);
  }
}
