import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import { CostlyRoute, RequestId, UserClaims } from '@raptorflow/api-platform';
import type { StartTrialResponse, TrialAvailability } from '@raptorflow/contracts';
import { StartTrialDto } from './dto/trial.dto';
import { TrialsService } from './trials.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class TrialsController {
  constructor(private readonly trials: TrialsService) {}

  @Get('trial')
  availability(@CurrentUser() user: UserClaims): Promise<TrialAvailability> {
    return this.trials.availability(user);
  }

  /** Owner only: starts the workspace's one free trial (409 TRIAL_ALREADY_USED the second time). */
  @Post('trial')
  @CostlyRoute()
  start(@CurrentUser() user: UserClaims, @Body() body: StartTrialDto, @RequestId() requestId: string | null): Promise<StartTrialResponse> {
    return this.trials.start(user, body.planId, requestId);
  }
}
