import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class PlanChangeDto {
  @ApiProperty({ enum: ['starter', 'growth', 'pro'] })
  @IsIn(['starter', 'growth', 'pro'], { message: 'planId must be one of starter, growth, pro' })
  planId!: 'starter' | 'growth' | 'pro';

  @ApiProperty({ enum: ['month', 'year'] })
  @IsIn(['month', 'year'], { message: 'period must be month or year' })
  period!: 'month' | 'year';
}
