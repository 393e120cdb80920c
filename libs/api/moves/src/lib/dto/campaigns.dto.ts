import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CAMPAIGN_LIMITS, GOAL_TYPE_OPTIONS, GoalType } from '@raptorflow/contracts';
import { IsPresentOrAbsent } from '@raptorflow/api-platform';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNumber, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsIsoDate, trim } from './moves.dto';

const GOALS = GOAL_TYPE_OPTIONS.map((o) => o.value);

export class CreateCampaignDto {
  @ApiProperty({ maxLength: CAMPAIGN_LIMITS.name })
  @Transform(trim)
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.name)
  name!: string;

  @ApiProperty({ example: 'primary' })
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.icpId)
  icpId!: string;

  @ApiProperty({ enum: GOALS })
  @IsIn(GOALS)
  goal!: GoalType;

  @ApiProperty({ example: 'qualified leads', maxLength: CAMPAIGN_LIMITS.metric })
  @Transform(trim)
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.metric)
  metric!: string;

  @ApiProperty({ example: 40 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1e12)
  target!: number;

  @ApiProperty({ example: '2026-01-05' })
  @IsIsoDate()
  startDate!: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsIsoDate()
  endDate!: string;
}

export class UpdateCampaignDto {
  @ApiPropertyOptional({ maxLength: CAMPAIGN_LIMITS.name })
  @Transform(trim)
  @IsPresentOrAbsent()
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.name)
  name?: string;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.icpId)
  icpId?: string;

  @ApiPropertyOptional({ enum: GOALS })
  @IsPresentOrAbsent()
  @IsIn(GOALS)
  goal?: GoalType;

  @ApiPropertyOptional({ maxLength: CAMPAIGN_LIMITS.metric })
  @Transform(trim)
  @IsPresentOrAbsent()
  @IsString()
  @Length(1, CAMPAIGN_LIMITS.metric)
  metric?: string;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1e12)
  target?: number;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsIsoDate()
  startDate?: string;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsIsoDate()
  endDate?: string;
}

export class LinkMovesDto {
  @ApiProperty({ type: [String], maxItems: CAMPAIGN_LIMITS.maxLinkedMoves })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CAMPAIGN_LIMITS.maxLinkedMoves)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  moveIds!: string[];
}
