import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OperatorGuard } from '@raptorflow/api-auth';
import { RequestId, UserClaims } from '@raptorflow/api-platform';
import type { AuditEntryView, OpsPaymentStory, OpsQueues, OpsSearchHit, OpsWorkspace, RefundView } from '@raptorflow/contracts';
import { AuditQuery, GstMonthQuery, OpsRefundDto, OrderIdParam, QueueJobParams, ReasonDto, SearchQuery, SubscriptionChangeDto, WorkspaceIdParam } from './dto/ops.dto';
import { auditCsv } from './audit-csv';
import { OpsService } from './ops.service';

/** The operator console's API: operators only (the operators table), every action with a reason and an audit row. */
@ApiTags('ops')
@ApiBearerAuth()
@UseGuards(OperatorGuard)
@Controller('ops')
export class OpsController {
  constructor(private readonly ops: OpsService) {}

  /** Lets the web console decide whether to show itself (403 for everyone else). */
  @Get('me')
  me(@CurrentUser() claims: UserClaims): { operator: true; email: string | null } {
    return { operator: true, email: claims.email ?? null };
  }

  @Get('search')
  search(@Query() query: SearchQuery): Promise<OpsSearchHit[]> {
    return this.ops.search(query.q);
  }

  @Get('workspaces/:workspaceId')
  workspace(@Param() params: WorkspaceIdParam): Promise<OpsWorkspace> {
    return this.ops.workspace(params.workspaceId);
  }

  @Get('payments/:merchantOrderId')
  story(@Param() params: OrderIdParam): Promise<OpsPaymentStory> {
    return this.ops.story(params.merchantOrderId);
  }

  @Post('payments/:merchantOrderId/reconcile')
  @HttpCode(200)
  reconcile(@CurrentUser() claims: UserClaims, @Param() params: OrderIdParam, @Body() body: ReasonDto, @RequestId() requestId: string | null): Promise<OpsPaymentStory> {
    return this.ops.reconcile(params.merchantOrderId, { claims, reason: body.reason, requestId });
  }

  @Post('payments/:merchantOrderId/refund')
  refund(@CurrentUser() claims: UserClaims, @Param() params: OrderIdParam, @Body() body: OpsRefundDto, @RequestId() requestId: string | null): Promise<RefundView> {
    return this.ops.refund(params.merchantOrderId, body.amount, { claims, reason: body.reason, requestId });
  }

  @Post('payments/:merchantOrderId/resend-receipt')
  resendReceipt(@CurrentUser() claims: UserClaims, @Param() params: OrderIdParam, @Body() body: ReasonDto, @RequestId() requestId: string | null): Promise<{ jobId: string }> {
    return this.ops.resendReceipt(params.merchantOrderId, { claims, reason: body.reason, requestId });
  }

  @Post('workspaces/:workspaceId/subscription')
  @HttpCode(200)
  subscription(@CurrentUser() claims: UserClaims, @Param() params: WorkspaceIdParam, @Body() body: SubscriptionChangeDto, @RequestId() requestId: string | null): Promise<OpsWorkspace> {
    return this.ops.changeSubscription(params.workspaceId, { action: body.action, days: body.days }, { claims, reason: body.reason, requestId });
  }

  @Post('workspaces/:workspaceId/bcm-rebuild')
  rebuild(@CurrentUser() claims: UserClaims, @Param() params: WorkspaceIdParam, @Body() body: ReasonDto, @RequestId() requestId: string | null): Promise<{ jobId: string }> {
    return this.ops.rebuildBcm(params.workspaceId, { claims, reason: body.reason, requestId });
  }

  @Get('queues')
  queues(): Promise<OpsQueues> {
    return this.ops.queues();
  }

  @Post('queues/:queue/jobs/:jobId/retry')
  @HttpCode(200)
  retryJob(@CurrentUser() claims: UserClaims, @Param() params: QueueJobParams, @Body() body: ReasonDto, @RequestId() requestId: string | null): Promise<OpsQueues> {
    return this.ops.retryJob(params.queue, params.jobId, { claims, reason: body.reason, requestId });
  }

  @Get('audit')
  audit(@Query() query: AuditQuery): Promise<AuditEntryView[]> {
    return this.ops.auditEntries(query);
  }

  @Get('audit.csv')
  async auditExport(@Query() query: AuditQuery): Promise<StreamableFile> {
    return csvFile(auditCsv(await this.ops.auditEntries(query)), 'raptorflow-audit.csv');
  }

  @Get('gst-export.csv')
  async gstExport(@CurrentUser() claims: UserClaims, @Query() query: GstMonthQuery, @RequestId() requestId: string | null): Promise<StreamableFile> {
    return csvFile(await this.ops.gstExportCsv(query.month, { claims, requestId }), `raptorflow-gstr1-${query.month}.csv`);
  }
}

// The content type is set only on success: a 400 or 404 stays JSON (a @Header would make Fastify refuse the error body).
function csvFile(csv: string, filename: string): StreamableFile {
  return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
}
