import { Injectable } from '@nestjs/common';
import { BcmManifests } from '@raptorflow/api-bcm';
import type { Tx, UserClaims } from '@raptorflow/api-platform';
import type { Campaign, CampaignDetail, CreateCampaignRequest, MoveStatus, UpdateCampaignRequest } from '@raptorflow/contracts';
import { CampaignRow, CampaignsRepository, CampaignValues } from './campaigns.repository';
import { campaignDatesViolation, campaignProgress, campaignStatus, countLinkedMoves } from './campaigns.rules';
import { MovesError } from './moves.errors';
import { MovesRepository } from './moves.repository';
import { toMove } from './moves.service';
import { indiaDate } from './moves.week';
import { ResultsRepository } from './results.repository';
import { WorkspaceScope } from './workspace-scope';

export function toCampaign(row: CampaignRow, statuses: readonly MoveStatus[], today: string): Campaign {
  const counts = countLinkedMoves(statuses);
  const dates = { startDate: row.start_date, endDate: row.end_date };
  return {
    id: row.id,
    name: row.name,
    icpId: row.icp_id,
    goal: row.goal,
    metric: row.metric,
    target: row.target,
    ...dates,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    status: campaignStatus(dates, counts, today),
    progress: campaignProgress(counts),
    movesDone: counts.done,
    movesTotal: counts.total,
  };
}

function toValues(request: UpdateCampaignRequest): Partial<CampaignValues> {
  const values: Partial<CampaignValues> = {
    name: request.name,
    icp_id: request.icpId,
    goal: request.goal,
    metric: request.metric,
    target: request.target,
    start_date: request.startDate,
    end_date: request.endDate,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Campaigns: one profile, a goal, dates and linked moves; status and progress are derived, never stored. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly manifests: BcmManifests,
    private readonly campaigns: CampaignsRepository,
    private readonly moves: MovesRepository,
    private readonly results: ResultsRepository,
  ) {}

  list(claims: UserClaims): Promise<Campaign[]> {
    return this.scope.read(claims, async (tx, workspaceId) => this.withProgress(tx, workspaceId, await this.campaigns.list(tx, workspaceId)));
  }

  get(claims: UserClaims, id: string): Promise<CampaignDetail> {
    return this.scope.read(claims, (tx, workspaceId) => this.detail(tx, workspaceId, id));
  }

  create(claims: UserClaims, request: CreateCampaignRequest): Promise<Campaign> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      await this.validate(tx, workspaceId, request.startDate, request.endDate, request.icpId);
      const row = await this.campaigns.insert(tx, workspaceId, claims.sub, toValues(request) as CampaignValues);
      return toCampaign(row, [], indiaDate(new Date()));
    });
  }

  update(claims: UserClaims, id: string, request: UpdateCampaignRequest): Promise<Campaign> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      const current = await this.requireCampaign(tx, workspaceId, id, true);
      await this.validate(tx, workspaceId, request.startDate ?? current.start_date, request.endDate ?? current.end_date, request.icpId);
      const row = (await this.campaigns.update(tx, workspaceId, id, toValues(request))) as CampaignRow;
      return (await this.withProgress(tx, workspaceId, [row]))[0];
    });
  }

  remove(claims: UserClaims, id: string): Promise<void> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      // Logged results keep their campaign (the database refuses too): they are the founder's numbers.
      if (await this.results.campaignHasResults(tx, workspaceId, id)) throw new MovesError('CAMPAIGN_HAS_RESULTS', 'This campaign has logged weekly results; it cannot be deleted.');
      if (!(await this.campaigns.delete(tx, workspaceId, id))) throw new MovesError('CAMPAIGN_NOT_FOUND', 'Campaign not found.');
    });
  }

  /** Links moves of the workspace (all or none); a move in another campaign moves over. */
  linkMoves(claims: UserClaims, id: string, moveIds: string[]): Promise<CampaignDetail> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      await this.requireCampaign(tx, workspaceId, id, true);
      const linked = new Set(await this.moves.linkToCampaign(tx, workspaceId, id, moveIds));
      const missing = moveIds.filter((moveId) => !linked.has(moveId));
      if (missing.length) throw new MovesError('MOVE_NOT_FOUND', `Moves not found: ${missing.join(', ')}.`, { missing });
      return this.detail(tx, workspaceId, id);
    });
  }

  private async detail(tx: Tx, workspaceId: string, id: string): Promise<CampaignDetail> {
    const row = await this.requireCampaign(tx, workspaceId, id);
    const moves = await this.moves.byCampaign(tx, workspaceId, id);
    return { ...toCampaign(row, moves.map((m) => m.status), indiaDate(new Date())), moves: moves.map(toMove) };
  }

  private async withProgress(tx: Tx, workspaceId: string, rows: CampaignRow[]): Promise<Campaign[]> {
    const statuses = new Map<string, MoveStatus[]>();
    for (const { campaign_id, status } of await this.moves.linkedStatuses(tx, workspaceId)) {
      statuses.set(campaign_id, [...(statuses.get(campaign_id) ?? []), status]);
    }
    const today = indiaDate(new Date());
    return rows.map((row) => toCampaign(row, statuses.get(row.id) ?? [], today));
  }

  private async requireCampaign(tx: Tx, workspaceId: string, id: string, lock = false): Promise<CampaignRow> {
    const row = await this.campaigns.find(tx, workspaceId, id, lock);
    if (!row) throw new MovesError('CAMPAIGN_NOT_FOUND', 'Campaign not found.');
    return row;
  }

  // The profile must be one of the latest manifest's; without a manifest any id is taken.
  private async validate(tx: Tx, workspaceId: string, startDate: string, endDate: string, icpId: string | undefined): Promise<void> {
    const dates = campaignDatesViolation(startDate, endDate);
    if (dates) throw MovesError.from(dates);
    if (icpId === undefined) return;
    const manifest = await this.manifests.latest(tx, workspaceId);
    const known = manifest?.icps.map((icp) => icp.id);
    if (known && !known.includes(icpId)) {
      throw MovesError.from({ code: 'VALIDATION_FAILED', field: 'icpId', problem: `must be one of your profiles: ${known.join(', ')}` });
    }
  }
}
