import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequiresAal2 } from '@raptorflow/api-auth';
import { CostlyRoute, RequestId, UserClaims } from '@raptorflow/api-platform';
import type { PlanChangeQuote, PlanChangeResponse, SubscriptionChangeState } from '@raptorflow/contracts';
import { PlanChangeDto } from './dto/plan-change.dto';
import { PlanChangeService } from './plan-change.service';

/** Plan changes, "keep current plan" and resume (cancel is PaymentsController's). */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments/subscription')
export class PlanChangeController {
  constructor(private readonly changes: PlanChangeService) {}

  @Get('change')
  state(@CurrentUser() user: UserClaims): Promise<SubscriptionChangeState> {
    return this.changes.state(user);
  }

  @Get('change/quote')
  quote(@CurrentUser() user: UserClaims, @Query() query: PlanChangeDto): Promise<PlanChangeQuote> {
    return this.changes.quote(user, query.planId, query.period);
  }

  @Post('change')
  @RequiresAal2()
  @CostlyRoute()
  change(@CurrentUser() user: UserClaims, @Body() body: PlanChangeDto, @RequestId() requestId: string | null): Promise<PlanChangeResponse> {
    return this.changes.change(user, body.planId, body.period, requestId);
  }

  @Delete('change')
  keep(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<SubscriptionChangeState> {
    return this.changes.keepCurrentPlan(user, requestId);
  }

  @Post('resume')
  @HttpCode(200)
  resume(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<{ status: 'active'; currentPeriodEnd: string }> {
    return this.changes.resume(user, requestId);
  }
}
