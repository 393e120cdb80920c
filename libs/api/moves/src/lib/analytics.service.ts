import { Injectable } from '@nestjs/common';
import { BcmManifests } from '@raptorflow/api-bcm';
import type { UserClaims } from '@raptorflow/api-platform';
import type { AnalyticsResponse } from '@raptorflow/contracts';
import { CampaignsService } from './campaigns.service';
import { MovesRepository } from './moves.repository';
import { addWeeks, currentWeek } from './moves.week';
import { WorkspaceScope } from './workspace-scope';

export const ANALYTICS_WEEKS = 12;

/** Moves done per week, campaign progress and the manifest's version history of the current workspace. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly manifests: BcmManifests,
    private readonly moves: MovesRepository,
    private readonly campaigns: CampaignsService,
  ) {}

  async get(claims: UserClaims): Promise<AnalyticsResponse> {
    const thisWeek = currentWeek(new Date());
    const firstWeek = addWeeks(thisWeek, -(ANALYTICS_WEEKS - 1));
    const { counts, versions } = await this.scope.read(claims, async (tx, workspaceId) => ({
      counts: await this.moves.weeklyCounts(tx, workspaceId, firstWeek, thisWeek),
      versions: await this.manifests.history(tx, workspaceId),
    }));
    const byWeek = new Map(counts.map((c) => [c.week, c]));
    const campaigns = await this.campaigns.list(claims);
    return {
      movesDonePerWeek: Array.from({ length: ANALYTICS_WEEKS }, (_, i) => {
        const week = addWeeks(firstWeek, i);
        return { week, done: byWeek.get(week)?.done ?? 0, planned: byWeek.get(week)?.planned ?? 0 };
      }),
      campaigns: campaigns.map(({ id, name, status, progress }) => ({ id, name, status, progress })),
      manifestVersions: versions.map((v) => ({ version: v.version, createdAt: v.created_at.toISOString() })),
    };
  }
}
