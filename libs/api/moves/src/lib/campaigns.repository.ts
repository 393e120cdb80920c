import { Injectable } from '@nestjs/common';
import type { Tx } from '@raptorflow/api-platform';
import type { GoalType } from '@raptorflow/contracts';
import { sql } from 'kysely';

export interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  icp_id: string;
  goal: GoalType;
  metric: string;
  target: number;
  start_date: string;
  end_date: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CampaignValues {
  name: string;
  icp_id: string;
  goal: GoalType;
  metric: string;
  target: number;
  start_date: string;
  end_date: string;
}

const CAMPAIGN_COLUMNS = [
  'id',
  'workspace_id',
  'name',
  'icp_id',
  'goal',
  'metric',
  sql<number>`target::float8`.as('target'),
  sql<string>`start_date::text`.as('start_date'),
  sql<string>`end_date::text`.as('end_date'),
  'created_by',
  'created_at',
  'updated_at',
] as const;

/** Campaigns SQL; callers run it in db.asUser so RLS applies. */
@Injectable()
export class CampaignsRepository {
  async list(tx: Tx, workspaceId: string): Promise<CampaignRow[]> {
    const rows = await tx
      .selectFrom('campaigns')
      .select(CAMPAIGN_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .orderBy('start_date', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    return rows as CampaignRow[];
  }

  async find(tx: Tx, workspaceId: string, id: string, lock = false): Promise<CampaignRow | undefined> {
    let query = tx.selectFrom('campaigns').select(CAMPAIGN_COLUMNS).where('workspace_id', '=', workspaceId).where('id', '=', id);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst()) as CampaignRow | undefined;
  }

  async insert(tx: Tx, workspaceId: string, createdBy: string, values: CampaignValues): Promise<CampaignRow> {
    const row = await tx
      .insertInto('campaigns')
      .values({ ...values, workspace_id: workspaceId, created_by: createdBy })
      .returning(CAMPAIGN_COLUMNS)
      .executeTakeFirstOrThrow();
    return row as CampaignRow;
  }

  async update(tx: Tx, workspaceId: string, id: string, values: Partial<CampaignValues>): Promise<CampaignRow | undefined> {
    const row = await tx.updateTable('campaigns').set(values).where('workspace_id', '=', workspaceId).where('id', '=', id).returning(CAMPAIGN_COLUMNS).executeTakeFirst();
    return row as CampaignRow | undefined;
  }

  /** Linked moves stay, unlinked (the foreign key sets their campaign to null). */
  async delete(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
    const result = await tx.deleteFrom('campaigns').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
