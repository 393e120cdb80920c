import { Injectable } from '@nestjs/common';
import type { UserClaims } from '@raptorflow/api-platform';
import { RESULT_WRITER_ROLES, type LogWeeklyResultRequest, type WeeklyResult, type WeeklyResultsResponse } from '@raptorflow/contracts';
import { CampaignsRepository } from './campaigns.repository';
import { MovesError } from './moves.errors';
import { addWeeks, currentWeek } from './moves.week';
import { ResultRow, ResultsRepository } from './results.repository';
import { WorkspaceScope } from './workspace-scope';

export const RESULT_WEEKS = 52;

export function toWeeklyResult(row: ResultRow): WeeklyResult {
  return { week: row.week, channel: row.channel, campaignId: row.campaign_id, leads: row.leads, signups: row.signups, revenuePaise: Number(row.revenue_paise), updatedAt: row.updated_at.toISOString() };
}

/** Weekly results per channel and campaign: members read the last year, owners and admins log a week. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly results: ResultsRepository,
    private readonly campaigns: CampaignsRepository,
  ) {}

  list(claims: UserClaims): Promise<WeeklyResultsResponse> {
    const from = addWeeks(currentWeek(new Date()), -(RESULT_WEEKS - 1));
    return this.scope.read(claims, async (tx, workspaceId, grant) => ({
      results: (await this.results.list(tx, workspaceId, from)).map(toWeeklyResult),
      canLog: RESULT_WRITER_ROLES.includes(grant.role) && grant.write,
    }));
  }

  log(claims: UserClaims, request: LogWeeklyResultRequest): Promise<WeeklyResult> {
    // A week is logged once it has begun (India time); the future has no results yet.
    if (request.week > currentWeek(new Date())) throw new MovesError('VALIDATION_FAILED', 'week: results can be logged for this week or earlier weeks', [{ field: 'week', problems: ['is in the future'] }]);
    return this.scope.write(claims, async (tx, workspaceId, grant) => {
      if (!RESULT_WRITER_ROLES.includes(grant.role)) throw new MovesError('RESULTS_WRITE_FORBIDDEN', 'Only the owner or an admin can log results.');
      const campaignId = request.campaignId ?? null;
      if (campaignId && !(await this.campaigns.find(tx, workspaceId, campaignId))) {
        throw new MovesError('VALIDATION_FAILED', 'campaignId: no such campaign in this workspace', [{ field: 'campaignId', problems: ['is not a campaign of this workspace'] }]);
      }
      const row = await this.results.upsert(tx, workspaceId, claims.sub, { week: request.week, channel: request.channel, campaign_id: campaignId, leads: request.leads, signups: request.signups, revenue_paise: request.revenuePaise });
      return toWeeklyResult(row);
    });
  }
}
