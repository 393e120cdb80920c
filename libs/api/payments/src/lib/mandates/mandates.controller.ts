import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequiresAal2 } from '@raptorflow/api-auth';
import { CostlyRoute, RequestId, UserClaims } from '@raptorflow/api-platform';
import type { MandateSetupResponse, MandateView } from '@raptorflow/contracts';
import { InitiatePaymentDto } from '../dto/payments.dto';
import { MandatesService } from './mandates.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments/autopay')
export class MandatesController {
  constructor(private readonly mandates: MandatesService) {}

  @Post('setup')
  @CostlyRoute()
  @RequiresAal2()
  setup(@CurrentUser() user: UserClaims, @Body() body: InitiatePaymentDto, @RequestId() requestId: string | null): Promise<MandateSetupResponse> {
    return this.mandates.setup(user, body.planId, body.period, requestId);
  }

  @Get()
  view(@CurrentUser() user: UserClaims): Promise<{ mandate: MandateView | null }> {
    return this.mandates.view(user);
  }

  @Post('pause')
  @HttpCode(200)
  pause(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<{ mandate: MandateView | null }> {
    return this.mandates.pause(user, requestId);
  }

  @Post('resume')
  @HttpCode(200)
  resume(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<{ mandate: MandateView | null }> {
    return this.mandates.resume(user, requestId);
  }

  @Post('cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<{ mandate: MandateView | null }> {
    return this.mandates.cancel(user, requestId);
  }
}
