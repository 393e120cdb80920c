import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNEL_OPTIONS, RESULT_LIMITS, type LogWeeklyResultRequest } from '@raptorflow/contracts';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateBy } from 'class-validator';
import { isIsoMonday } from '../moves.week';

const CHANNELS = CHANNEL_OPTIONS.map((o) => o.value);
const IsIsoMonday = () =>
  ValidateBy({ name: 'isIsoMonday', validator: { validate: isIsoMonday, defaultMessage: (args) => `${args?.property} must be a Monday written YYYY-MM-DD` } });
const IsCount = (max: number) => (target: object, key: string) => {
  IsInt({ message: `${key} must be a whole number` })(target, key);
  Min(0, { message: `${key} must not be negative` })(target, key);
  Max(max, { message: `${key} must be at most ${max}` })(target, key);
};

export class LogWeeklyResultDto implements LogWeeklyResultRequest {
  @ApiProperty({ example: '2026-11-30', description: 'Monday of the ISO week' })
  @IsIsoMonday()
  week!: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: 'channel must be one of the onboarding channels' })
  channel!: string;

  @ApiPropertyOptional({ nullable: true, description: 'A campaign of the workspace; absent or null: no campaign' })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId?: string | null;

  @ApiProperty({ minimum: 0 })
  @IsCount(RESULT_LIMITS.maxCount)
  leads!: number;

  @ApiProperty({ minimum: 0 })
  @IsCount(RESULT_LIMITS.maxCount)
  signups!: number;

  @ApiProperty({ minimum: 0, description: 'Revenue in paise (₹1 = 100)' })
  @IsCount(RESULT_LIMITS.maxRevenuePaise)
  revenuePaise!: number;
}
