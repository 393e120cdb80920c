import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MOVE_LIMITS, MOVE_STATUSES, MOVE_TYPES, MoveStatus, MoveType } from '@raptorflow/contracts';
import { IsPresentOrAbsent } from '@raptorflow/api-platform';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isIsoDate, isIsoMonday } from '../moves.week';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const IsIsoMonday = () =>
  ValidateBy({ name: 'isIsoMonday', validator: { validate: isIsoMonday, defaultMessage: (args) => `${args?.property} must be a Monday written YYYY-MM-DD` } });
export const IsIsoDate = () =>
  ValidateBy({ name: 'isIsoDate', validator: { validate: isIsoDate, defaultMessage: (args) => `${args?.property} must be a date written YYYY-MM-DD` } });
const IsEffort = () => (target: object, key: string) => {
  IsNumber({ maxDecimalPlaces: 1 })(target, key);
  Min(0.5)(target, key);
  Max(MOVE_LIMITS.maxEffortHours)(target, key);
};

export class WeekQuery {
  @ApiPropertyOptional({ example: '2026-01-05', description: 'Monday of the week; default the current week (India time)' })
  @IsPresentOrAbsent()
  @IsIsoMonday()
  week?: string;
}

export class GenerateMovesDto {
  @ApiPropertyOptional({ example: '2026-01-05', description: 'Monday of the week; default the current week (India time)' })
  @IsPresentOrAbsent()
  @IsIsoMonday()
  week?: string;
}

export class IdParam {
  @IsUUID()
  id!: string;
}

export class CreateMoveDto {
  @ApiProperty({ example: '2026-01-05' })
  @IsIsoMonday()
  week!: string;

  @ApiProperty({ maxLength: MOVE_LIMITS.title })
  @Transform(trim)
  @IsString()
  @Length(1, MOVE_LIMITS.title)
  title!: string;

  @ApiProperty({ example: 'linkedin', maxLength: MOVE_LIMITS.channel })
  @Transform(trim)
  @IsString()
  @Length(1, MOVE_LIMITS.channel)
  channel!: string;

  @ApiProperty({ enum: MOVE_TYPES })
  @IsIn(MOVE_TYPES)
  type!: MoveType;

  @ApiProperty({ example: 2, minimum: 0.5, maximum: MOVE_LIMITS.maxEffortHours })
  @IsEffort()
  effortHours!: number;

  @ApiPropertyOptional({ example: 'primary', nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, MOVE_LIMITS.icpId)
  icpId?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: MOVE_LIMITS.expectedOutcome })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(MOVE_LIMITS.expectedOutcome)
  expectedOutcome?: string | null;

  @ApiPropertyOptional({ example: '2026-01-07', nullable: true })
  @IsOptional()
  @IsIsoDate()
  scheduledFor?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;

  @ApiPropertyOptional({ enum: ['planned', 'done', 'dismissed'], default: 'planned' })
  @IsPresentOrAbsent()
  @IsIn(['planned', 'done', 'dismissed'])
  status?: Exclude<MoveStatus, 'suggested'>;
}

export class UpdateMoveDto {
  @ApiPropertyOptional({ maxLength: MOVE_LIMITS.title })
  @Transform(trim)
  @IsPresentOrAbsent()
  @IsString()
  @Length(1, MOVE_LIMITS.title)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, MOVE_LIMITS.icpId)
  icpId?: string | null;

  @ApiPropertyOptional({ maxLength: MOVE_LIMITS.channel })
  @Transform(trim)
  @IsPresentOrAbsent()
  @IsString()
  @Length(1, MOVE_LIMITS.channel)
  channel?: string;

  @ApiPropertyOptional({ enum: MOVE_TYPES })
  @IsPresentOrAbsent()
  @IsIn(MOVE_TYPES)
  type?: MoveType;

  @ApiPropertyOptional({ minimum: 0.5, maximum: MOVE_LIMITS.maxEffortHours })
  @IsPresentOrAbsent()
  @IsEffort()
  effortHours?: number;

  @ApiPropertyOptional({ nullable: true, maxLength: MOVE_LIMITS.expectedOutcome })
  @Transform(trim)
  @IsOptional()
  @IsString()
  @MaxLength(MOVE_LIMITS.expectedOutcome)
  expectedOutcome?: string | null;

  @ApiPropertyOptional({ example: '2026-01-12' })
  @IsPresentOrAbsent()
  @IsIsoMonday()
  week?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsIsoDate()
  scheduledFor?: string | null;

  @ApiPropertyOptional({ enum: MOVE_STATUSES })
  @IsPresentOrAbsent()
  @IsIn(MOVE_STATUSES)
  status?: MoveStatus;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;
}
