import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import { CostlyRoute, type UserClaims } from '@raptorflow/api-platform';
import type { FinalizeOnboardingResponse, OnboardingState, SaveStepResponse } from '@raptorflow/contracts';
import { SaveStepDto, StepIdParam } from './dto/save-step.dto';
import type { BusinessContextResponse } from './onboarding.contracts';
import { OnboardingService } from './onboarding.service';

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get()
  state(@CurrentUser() user: UserClaims): Promise<OnboardingState> {
    return this.onboarding.state(user);
  }

  @Put('steps/:stepId')
  saveStep(@CurrentUser() user: UserClaims, @Param() params: StepIdParam, @Body() body: SaveStepDto): Promise<SaveStepResponse> {
    return this.onboarding.saveStep(user, params.stepId, body);
  }

  @Post('finalize')
  @CostlyRoute()
  @HttpCode(200)
  finalize(@CurrentUser() user: UserClaims): Promise<FinalizeOnboardingResponse> {
    return this.onboarding.finalize(user);
  }

  @Get('context')
  context(@CurrentUser() user: UserClaims): Promise<BusinessContextResponse> {
    return this.onboarding.latestContext(user);
  }
}
