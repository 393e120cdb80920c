import { Injectable } from '@nestjs/common';
import type { Tx } from '@raptorflow/api-platform';
import { sql } from 'kysely';

export interface ResultRow {
  week: string;
  channel: string;
  campaign_id: string | null;
  leads: number;
  signups: number;
  revenue_paise: string;
  updated_at: Date;
}

export interface ResultValues {
  week: string;
  channel: string;
  campaign_id: string | null;
  leads: number;
  signups: number;
  revenue_paise: number;
}

const COLUMNS = [sql<string>`week::text`.as('week'), 'channel', 'campaign_id', 'leads', 'signups', 'revenue_paise', 'updated_at'] as const;

/** weekly_results (RLS: members read, owners and admins write); callers pass the user's transaction. */
@Injectable()
export class ResultsRepository {
  list(tx: Tx, workspaceId: string, fromWeek: string): Promise<ResultRow[]> {
    return tx
      .selectFrom('weekly_results')
      .select(COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('week', '>=', sql<Date>`${fromWeek}::date`)
      .orderBy('week', 'desc')
      .orderBy('channel')
      .orderBy('campaign_id', (ob) => ob.nullsFirst())
      .execute() as Promise<ResultRow[]>;
  }

  /** Inserts the week's row or replaces its numbers (one row per week, channel and campaign). */
  upsert(tx: Tx, workspaceId: string, userId: string, values: ResultValues): Promise<ResultRow> {
    return tx
      .insertInto('weekly_results')
      .values({ ...values, workspace_id: workspaceId, recorded_by: userId })
      .onConflict((oc) =>
        oc.constraint('weekly_results_unique').doUpdateSet({ leads: values.leads, signups: values.signups, revenue_paise: values.revenue_paise, recorded_by: userId }),
      )
      .returning(COLUMNS)
      .executeTakeFirstOrThrow() as Promise<ResultRow>;
  }

  async campaignHasResults(tx: Tx, workspaceId: string, campaignId: string): Promise<boolean> {
    const row = await tx.selectFrom('weekly_results').select('id').where('workspace_id', '=', workspaceId).where('campaign_id', '=', campaignId).limit(1).executeTakeFirst();
    return !!row;
  }
}
