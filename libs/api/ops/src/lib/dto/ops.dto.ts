import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { OPS_QUEUE_NAMES, type OpsQueueName } from '../ops.queues';

export class SearchQuery {
  @ApiProperty({ description: 'A UCID, e-mail, workspace id or name, order id (RF_...) or refund id (RFR_...)' })
  @IsString()
  @Length(2, 200)
  q!: string;
}

export class WorkspaceIdParam {
  @IsUUID('all', { message: 'workspaceId must be a UUID' })
  workspaceId!: string;
}

export class OrderIdParam {
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'merchantOrderId must be 1-63 letters, digits, _ or -' })
  merchantOrderId!: string;
}

/** Every operator action says why; the reason lands in the audit trail. */
export class ReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000, { message: 'reason must be 3-1000 characters' })
  reason!: string;
}

export class OpsRefundDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'Paise; defaults to everything still refundable' })
  @IsOptional()
  @IsInt()
  @Min(100)
  amount?: number;
}

export class SubscriptionChangeDto extends ReasonDto {
  @ApiProperty({ enum: ['extend', 'end'] })
  @IsIn(['extend', 'end'])
  action!: 'extend' | 'end';

  @ApiPropertyOptional({ description: 'Days to add (extend only)', minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class AuditQuery {
  @IsOptional()
  @IsUUID('all', { message: 'workspaceId must be a UUID' })
  workspaceId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  target?: string;
}

export class GstMonthQuery {
  @ApiProperty({ description: 'The month, YYYY-MM (Asia/Kolkata)', example: '2026-11' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month as YYYY-MM, e.g. 2026-11' })
  month!: string;
}

export class QueueJobParams {
  @IsIn(OPS_QUEUE_NAMES, { message: `queue must be one of ${OPS_QUEUE_NAMES.join(', ')}` })
  queue!: OpsQueueName;

  // BullMQ job ids: ours are deterministic (`bcm-<uuid>`, `email-...`) or BullMQ's numeric ones.
  @Matches(/^[A-Za-z0-9:_-]{1,200}$/, { message: 'jobId must be 1-200 letters, digits, :, _ or -' })
  jobId!: string;
}
