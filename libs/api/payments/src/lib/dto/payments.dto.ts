import { ApiProperty } from '@nestjs/swagger';
import { IsPresentOrAbsent } from '@raptorflow/api-platform';
import { IsIn, IsInt, IsString, Length, Matches, Min } from 'class-validator';

export class InitiatePaymentDto {
  @ApiProperty({ enum: ['starter', 'growth', 'pro'] })
  @IsIn(['starter', 'growth', 'pro'])
  planId!: 'starter' | 'growth' | 'pro';

  @ApiProperty({ enum: ['month', 'year'] })
  @IsIn(['month', 'year'])
  period!: 'month' | 'year';
}

export class MerchantOrderIdParam {
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'merchantOrderId must be 1-63 letters, digits, _ or -' })
  merchantOrderId!: string;
}

export class RefundDto {
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'merchantOrderId must be 1-63 letters, digits, _ or -' })
  merchantOrderId!: string;

  // Defaults to the whole remaining amount.
  @IsPresentOrAbsent()
  @IsInt()
  @Min(100)
  amount?: number;

  // Written to the audit trail; the operator console always sends one.
  @IsPresentOrAbsent()
  @IsString()
  @Length(3, 1000)
  reason?: string;
}
