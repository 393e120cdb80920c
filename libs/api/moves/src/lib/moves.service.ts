import { Injectable } from '@nestjs/common';
import { BcmManifests } from '@raptorflow/api-bcm';
import type { Tx, UserClaims } from '@raptorflow/api-platform';
import type { CreateMoveRequest, GenerateMovesResponse, Move, MovesWeekResponse, UpdateMoveRequest } from '@raptorflow/contracts';
import { CampaignsRepository } from './campaigns.repository';
import { MovesError } from './moves.errors';
import { suggestMoves, weeklyHoursBudget } from './moves.generator';
import { MoveRow, MovesRepository, MoveValues } from './moves.repository';
import { applyMoveEdit, MoveChanges, scheduleViolation } from './moves.rules';
import { currentWeek } from './moves.week';
import { WorkspaceScope } from './workspace-scope';

export function toMove(row: MoveRow): Move {
  return {
    id: row.id,
    week: row.week,
    title: row.title,
    icpId: row.icp_id,
    channel: row.channel,
    type: row.type,
    effortHours: row.effort_hours,
    expectedOutcome: row.expected_outcome,
    status: row.status,
    source: row.source,
    suggestionKey: row.suggestion_key,
    editedByUser: row.edited_by_user,
    campaignId: row.campaign_id,
    scheduledFor: row.scheduled_for,
    completedAt: row.completed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toValues(changes: MoveChanges): MoveValues {
  const values: MoveValues = {
    week: changes.week,
    title: changes.title,
    icp_id: changes.icpId,
    channel: changes.channel,
    type: changes.type,
    effort_hours: changes.effortHours,
    expected_outcome: changes.expectedOutcome,
    status: changes.status,
    edited_by_user: changes.editedByUser,
    campaign_id: changes.campaignId,
    scheduled_for: changes.scheduledFor,
    completed_at: changes.completedAt,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as MoveValues;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

/** Weekly moves: suggestions from the latest manifest and members' own moves. */
@Injectable()
export class MovesService {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly manifests: BcmManifests,
    private readonly moves: MovesRepository,
    private readonly campaigns: CampaignsRepository,
  ) {}

  week(claims: UserClaims, week = currentWeek(new Date())): Promise<MovesWeekResponse> {
    return this.scope.read(claims, (tx, workspaceId) => this.weekView(tx, workspaceId, week));
  }

  /** Upserts the week's suggestions from the newest manifest; moves a member touched are never overwritten. */
  generate(claims: UserClaims, week = currentWeek(new Date())): Promise<GenerateMovesResponse> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      const manifest = await this.manifests.latest(tx, workspaceId);
      if (!manifest) throw new MovesError('BCM_MISSING', 'Build your Business Context Manifest first: moves are suggested from it.');
      const suggestions = suggestMoves(manifest, week);
      const { created, refreshed } = await this.moves.upsertSuggestions(
        tx,
        workspaceId,
        week,
        suggestions.map((s, index) => ({
          suggestion_key: s.suggestionKey,
          suggestion_rank: index + 1,
          title: s.title,
          icp_id: s.icpId,
          channel: s.channel,
          type: s.type,
          effort_hours: s.effortHours,
          expected_outcome: s.expectedOutcome,
        })),
      );
      const removed = await this.moves.deleteStaleSuggestions(tx, workspaceId, week, suggestions.map((s) => s.suggestionKey));
      return { ...(await this.weekView(tx, workspaceId, week)), manifestVersion: manifest.version, created, refreshed, removed };
    });
  }

  create(claims: UserClaims, request: CreateMoveRequest): Promise<Move> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      const violation = scheduleViolation(request.week, request.scheduledFor);
      if (violation) throw MovesError.from(violation);
      if (request.campaignId) await this.requireCampaign(tx, workspaceId, request.campaignId);
      const status = request.status ?? 'planned';
      const row = await this.moves.insertUserMove(tx, workspaceId, {
        week: request.week,
        title: request.title,
        channel: request.channel,
        type: request.type,
        effort_hours: request.effortHours,
        status,
        icp_id: request.icpId ?? null,
        expected_outcome: request.expectedOutcome ?? null,
        scheduled_for: request.scheduledFor ?? null,
        campaign_id: request.campaignId ?? null,
        completed_at: status === 'done' ? new Date() : null,
      });
      return toMove(row);
    });
  }

  update(claims: UserClaims, id: string, patch: UpdateMoveRequest): Promise<Move> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      const current = await this.moves.find(tx, workspaceId, id, true);
      if (!current) throw new MovesError('MOVE_NOT_FOUND', 'Move not found.');
      const result = applyMoveEdit({ status: current.status, source: current.source, week: current.week, scheduledFor: current.scheduled_for }, patch, new Date());
      if (!result.ok) throw MovesError.from(result.violation);
      if (patch.campaignId) await this.requireCampaign(tx, workspaceId, patch.campaignId);
      try {
        return toMove((await this.moves.update(tx, workspaceId, id, toValues(result.changes))) as MoveRow);
      } catch (error) {
        if (isUniqueViolation(error)) throw new MovesError('MOVE_WEEK_TAKEN', `The week of ${patch.week} already has this suggestion; edit that one instead.`);
        throw error;
      }
    });
  }

  /** Only user-made moves are deleted; a suggestion is dismissed instead, so it is not suggested again. */
  remove(claims: UserClaims, id: string): Promise<void> {
    return this.scope.write(claims, async (tx, workspaceId) => {
      const current = await this.moves.find(tx, workspaceId, id, true);
      if (!current) throw new MovesError('MOVE_NOT_FOUND', 'Move not found.');
      if (current.source !== 'user') throw new MovesError('MOVE_NOT_DELETABLE', 'Suggested moves cannot be deleted; dismiss them instead.');
      await this.moves.delete(tx, workspaceId, id);
    });
  }

  private async weekView(tx: Tx, workspaceId: string, week: string): Promise<MovesWeekResponse> {
    const [rows, manifest] = [await this.moves.week(tx, workspaceId, week), await this.manifests.latest(tx, workspaceId)];
    const hoursCommitted = rows.filter((r) => r.status === 'planned' || r.status === 'done').reduce((sum, r) => sum + r.effort_hours, 0);
    return { week, moves: rows.map(toMove), hoursBudget: manifest ? weeklyHoursBudget(manifest) : null, hoursCommitted: Math.round(hoursCommitted * 10) / 10 };
  }

  private async requireCampaign(tx: Tx, workspaceId: string, campaignId: string): Promise<void> {
    if (!(await this.campaigns.find(tx, workspaceId, campaignId))) throw new MovesError('CAMPAIGN_NOT_FOUND', 'Campaign not found.');
  }
}
