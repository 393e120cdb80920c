import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import type { UserClaims } from '@raptorflow/api-platform';
import type { AnalyticsResponse } from '@raptorflow/contracts';
import { AnalyticsService } from './analytics.service';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get()
  get(@CurrentUser() user: UserClaims): Promise<AnalyticsResponse> {
    return this.analytics.get(user);
  }
}
