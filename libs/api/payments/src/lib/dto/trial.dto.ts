import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class StartTrialDto {
  @ApiProperty({ enum: ['starter', 'growth', 'pro'] })
  @IsIn(['starter', 'growth', 'pro'])
  planId!: 'starter' | 'growth' | 'pro';
}
