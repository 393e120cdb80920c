import { Module } from '@nestjs/common';
import { BcmManifestsModule } from '@raptorflow/api-bcm';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsService } from './analytics.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { MovesController } from './moves.controller';
import { MovesRepository } from './moves.repository';
import { MovesService } from './moves.service';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { WorkspaceScope } from './workspace-scope';

/** Moves, campaigns and analytics (GET/POST /moves, /campaigns, /analytics, /analytics/results). Needs AuthModule's guard in the app. */
@Module({
  imports: [BcmManifestsModule],
  controllers: [MovesController, CampaignsController, AnalyticsController, ResultsController],
  providers: [WorkspaceScope, MovesRepository, CampaignsRepository, ResultsRepository, MovesService, CampaignsService, AnalyticsService, ResultsService],
})
export class MovesModule {}
