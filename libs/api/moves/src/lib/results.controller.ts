import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import type { UserClaims } from '@raptorflow/api-platform';
import type { WeeklyResult, WeeklyResultsResponse } from '@raptorflow/contracts';
import { LogWeeklyResultDto } from './dto/results.dto';
import { ResultsService } from './results.service';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics/results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get()
  list(@CurrentUser() user: UserClaims): Promise<WeeklyResultsResponse> {
    return this.results.list(user);
  }

  /** Logs one week of one channel and campaign, or replaces what was logged for it. */
  @Put()
  log(@CurrentUser() user: UserClaims, @Body() body: LogWeeklyResultDto): Promise<WeeklyResult> {
    return this.results.log(user, body);
  }
}
