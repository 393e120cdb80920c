import { Injectable } from '@nestjs/common';
import type { Tx } from '@raptorflow/api-platform';
import type { MoveSource, MoveStatus, MoveType } from '@raptorflow/contracts';
import { sql } from 'kysely';

export interface MoveRow {
  id: string;
  workspace_id: string;
  week: string;
  title: string;
  icp_id: string | null;
  channel: string;
  type: MoveType;
  effort_hours: number;
  expected_outcome: string | null;
  status: MoveStatus;
  source: MoveSource;
  suggestion_key: string | null;
  edited_by_user: boolean;
  campaign_id: string | null;
  scheduled_for: string | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Column values of a move to write (dates as ISO strings). */
export interface MoveValues {
  week?: string;
  title?: string;
  icp_id?: string | null;
  channel?: string;
  type?: MoveType;
  effort_hours?: number;
  expected_outcome?: string | null;
  status?: MoveStatus;
  edited_by_user?: boolean;
  campaign_id?: string | null;
  scheduled_for?: string | null;
  completed_at?: Date | null;
}

export interface SuggestionValues {
  suggestion_key: string;
  suggestion_rank: number;
  title: string;
  icp_id: string;
  channel: string;
  type: MoveType;
  effort_hours: number;
  expected_outcome: string;
}

// Dates as ISO text and numerics as numbers: pg's defaults (local-time Dates, numeric strings) are wrong here.
const MOVE_COLUMNS = [
  'id',
  'workspace_id',
  sql<string>`week::text`.as('week'),
  'title',
  'icp_id',
  'channel',
  'type',
  sql<number>`effort_hours::float8`.as('effort_hours'),
  'expected_outcome',
  'status',
  'source',
  'suggestion_key',
  'edited_by_user',
  'campaign_id',
  sql<string | null>`scheduled_for::text`.as('scheduled_for'),
  'completed_at',
  'created_at',
  'updated_at',
] as const;

const asDate = (isoDate: string) => sql<Date>`${isoDate}::date`;

/** Moves SQL; callers run it in db.asUser so RLS applies. */
@Injectable()
export class MovesRepository {
  async week(tx: Tx, workspaceId: string, week: string): Promise<MoveRow[]> {
    const rows = await tx
      .selectFrom('moves')
      .select(MOVE_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('week', '=', asDate(week))
      // Suggestions in the generator's order, then members' own moves as they came.
      .orderBy(sql`suggestion_rank nulls last`)
      .orderBy('created_at')
      .orderBy('title')
      .execute();
    return rows as MoveRow[];
  }

  async find(tx: Tx, workspaceId: string, id: string, lock = false): Promise<MoveRow | undefined> {
    let query = tx.selectFrom('moves').select(MOVE_COLUMNS).where('workspace_id', '=', workspaceId).where('id', '=', id);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) as MoveRow | undefined;
  }

  async insertUserMove(tx: Tx, workspaceId: string, values: Required<Pick<MoveValues, 'week' | 'title' | 'channel' | 'type' | 'effort_hours' | 'status'>> & MoveValues): Promise<MoveRow> {
    const row = await tx
      .insertInto('moves')
      .values({ ...values, workspace_id: workspaceId, source: 'user', suggestion_key: null, edited_by_user: true })
      .returning(MOVE_COLUMNS)
      .executeTakeFirstOrThrow();
    return row as MoveRow;
  }

  async update(tx: Tx, workspaceId: string, id: string, values: MoveValues): Promise<MoveRow | undefined> {
    const row = await tx.updateTable('moves').set(values).where('workspace_id', '=', workspaceId).where('id', '=', id).returning(MOVE_COLUMNS).executeTakeFirst();
    return row as MoveRow | undefined;
  }

  async delete(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
    const result = await tx.deleteFrom('moves').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Inserts new suggestions and rewrites the week's untouched ones (still suggested, never edited) in one statement;
   * a move a member edited, planned, completed or dismissed is skipped by the conflict clause.
   */
  async upsertSuggestions(tx: Tx, workspaceId: string, week: string, suggestions: SuggestionValues[]): Promise<{ created: number; refreshed: number }> {
    if (!suggestions.length) return { created: 0, refreshed: 0 };
    const rows = await tx
      .insertInto('moves')
      .values(suggestions.map((s) => ({ ...s, workspace_id: workspaceId, week, source: 'generated' as const, status: 'suggested' as const })))
      .onConflict((oc) =>
        oc
          .constraint('moves_suggestion_unique')
          .doUpdateSet((eb) => ({
            suggestion_rank: eb.ref('excluded.suggestion_rank'),
            title: eb.ref('excluded.title'),
            icp_id: eb.ref('excluded.icp_id'),
            channel: eb.ref('excluded.channel'),
            type: eb.ref('excluded.type'),
            effort_hours: eb.ref('excluded.effort_hours'),
            expected_outcome: eb.ref('excluded.expected_outcome'),
          }))
          .where('moves.status', '=', 'suggested')
          .where('moves.edited_by_user', '=', false),
      )
      // xmax = 0 only on a freshly inserted row.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const created = rows.filter((r) => r.inserted).length;
    return { created, refreshed: rows.length - created };
  }

  /** Removes the week's untouched suggestions the latest manifest no longer makes. */
  async deleteStaleSuggestions(tx: Tx, workspaceId: string, week: string, keepKeys: string[]): Promise<number> {
    let query = tx
      .deleteFrom('moves')
      .where('workspace_id', '=', workspaceId)
      .where('week', '=', asDate(week))
      .where('source', '=', 'generated')
      .where('status', '=', 'suggested')
      .where('edited_by_user', '=', false);
    if (keepKeys.length) query = query.where('suggestion_key', 'not in', keepKeys);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Links moves to a campaign (a deliberate choice, so they count as edited); returns the ids found. */
  async linkToCampaign(tx: Tx, workspaceId: string, campaignId: string, moveIds: string[]): Promise<string[]> {
    const rows = await tx
      .updateTable('moves')
      .set({ campaign_id: campaignId, edited_by_user: true })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', moveIds)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async byCampaign(tx: Tx, workspaceId: string, campaignId: string): Promise<MoveRow[]> {
    const rows = await tx
      .selectFrom('moves')
      .select(MOVE_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('campaign_id', '=', campaignId)
      .orderBy('week')
      .orderBy('created_at')
      .execute();
    return rows as MoveRow[];
  }

  /** Status of every move linked to a campaign of the workspace. */
  linkedStatuses(tx: Tx, workspaceId: string): Promise<{ campaign_id: string; status: MoveStatus }[]> {
    return tx
      .selectFrom('moves')
      .select([sql<string>`campaign_id`.as('campaign_id'), 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('campaign_id', 'is not', null)
      .execute();
  }

  /** Per week in [from, to]: moves done and moves committed (planned or done); weeks without moves are absent. */
  async weeklyCounts(tx: Tx, workspaceId: string, from: string, to: string): Promise<{ week: string; done: number; planned: number }[]> {
    const rows = await tx
      .selectFrom('moves')
      .select([
        sql<string>`week::text`.as('week'),
        sql<number>`count(*) filter (where status = 'done')::int`.as('done'),
        sql<number>`count(*) filter (where status in ('planned', 'done'))::int`.as('planned'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('week', '>=', asDate(from))
      .where('week', '<=', asDate(to))
      .groupBy('week')
      .execute();
    return rows;
  }
}
