import { Body, Controller, Get, Headers, HttpCode, Param, Post, RawBodyRequest, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { CurrentUser, OperatorGuard, RequiresAal2 } from '@raptorflow/api-auth';
import { CostlyRoute, Public, RequestId, UserClaims } from '@raptorflow/api-platform';
import type { InitiatePaymentResponse, PaymentView, Plan, RefundView } from '@raptorflow/contracts';
import type { FastifyRequest } from 'fastify';
import { InitiatePaymentDto, MerchantOrderIdParam, RefundDto } from './dto/payments.dto';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly settlement: PaymentSettlementService,
  ) {}

  @Public()
  @Get('plans')
  plans(): readonly Plan[] {
    return this.payments.plans();
  }

  @Public()
  @Get('health')
  health(): { status: 'ok'; provider: 'phonepe' } {
    return { status: 'ok', provider: 'phonepe' };
  }

  @Post('initiate')
  @CostlyRoute()
  @RequiresAal2()
  initiate(@CurrentUser() user: UserClaims, @Body() body: InitiatePaymentDto, @RequestId() requestId: string | null): Promise<InitiatePaymentResponse> {
    return this.payments.initiate(user, body.planId, body.period, requestId);
  }

  @Get('status/:merchantOrderId')
  status(@CurrentUser() user: UserClaims, @Param() params: MerchantOrderIdParam): Promise<PaymentView> {
    return this.payments.status(user, params.merchantOrderId);
  }

  @Get('history')
  history(@CurrentUser() user: UserClaims): Promise<PaymentView[]> {
    return this.payments.history(user);
  }

  @Post('subscription/cancel')
  @RequiresAal2()
  @HttpCode(200)
  cancel(@CurrentUser() user: UserClaims, @RequestId() requestId: string | null): Promise<{ status: 'cancelled'; currentPeriodEnd: string }> {
    return this.payments.cancel(user, requestId);
  }

  @Post('admin/refund')
  @UseGuards(OperatorGuard)
  refund(@CurrentUser() user: UserClaims, @Body() body: RefundDto, @RequestId() requestId: string | null): Promise<RefundView> {
    return this.payments.refund(user, body.merchantOrderId, body.amount, body.reason ?? null, requestId);
  }

  // PhonePe authenticates with a header over the raw body; no user token, no rate limit.
  @Public()
  @SkipThrottle()
  @Post('webhook')
  @HttpCode(200)
  webhook(@Headers('authorization') authorization: string | undefined, @Req() request: RawBodyRequest<FastifyRequest>): Promise<{ outcome: string }> {
    return this.settlement.handleWebhook(authorization, request.rawBody?.toString('utf8') ?? '');
  }
}
