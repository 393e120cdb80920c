import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '@raptorflow/api-platform';
import type { OnboardingAnswers, StepId } from '@raptorflow/contracts';
import { sql } from 'kysely';

export interface DraftRow {
  answers: OnboardingAnswers;
  completed_steps: StepId[];
  current_step: StepId;
  revision: string;
  updated_at: Date;
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
  /** The draft's revision, or undefined without a draft. */
  async draftRevision(tx: Tx, workspaceId: string): Promise<string | undefined> {
    return (await tx.selectFrom('onboarding_drafts').select('revision').where('workspace_id', '=', workspaceId).executeTakeFirst())?.revision;
  }

  async draft(tx: Tx, workspaceId: string, lock = false): Promise<DraftRow | undefined> {
    let query = tx.selectFrom('onboarding_drafts').select(DRAFT_COLUMNS).where('workspace_id', '=', workspaceId);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) as DraftRow | undefined;
  }

  /** Creates the draft if there is none: seeded from `latest` (the latest context), so editing after finalize starts from it. */
  async ensureDraft(tx: Tx, workspaceId: string, userId: string, latest: object | undefined, allSteps: readonly StepId[]): Promise<void> {
    await tx
      .insertInto('onboarding_drafts')
      .values({
        workspace_id: workspaceId,
        answers: JSON.stringify(latest ?? {}),
        completed_steps: latest ? [...allSteps] : [],
        current_step: latest ? 'review' : 'company',
        updated_by: userId,
      })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
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

  /**
   * Deletes up to `limit` drafts not saved for `days` days and returns their workspace ids. Drafts another session
   * holds (a save right now, a concurrent cleanup) are skipped, not waited for: concurrent runs split the rows and
   * never double-count, and a save makes its draft fresh anyway.
   */
  async deleteAbandonedDrafts(db: Queryable, days: number, limit: number): Promise<string[]> {
    const rows = await db
      .deleteFrom('onboarding_drafts')
      .where('workspace_id', 'in', (q) =>
        q
          .selectFrom('onboarding_drafts')
          .select('workspace_id')
          .where('updated_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .where('updated_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
      .returning('workspace_id')
      .execute();
    return rows.map((r) => r.workspace_id);
  }
}
