import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SaveStepRequest, StepAnswers } from '@raptorflow/contracts';
import { IsPresentOrAbsent } from '@raptorflow/api-platform';
import { IsBoolean, IsObject, IsString, MaxLength } from 'class-validator';

// Only the envelope is checked here; the answers themselves go through the shared onboarding validator.
export class SaveStepDto implements SaveStepRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { companyName: 'Ledgerly Technologies', industry: 'fintech' } })
  @IsObject()
  answers!: StepAnswers;

  @ApiPropertyOptional({ default: true, description: 'false saves a draft of the step (partial validation); true validates fully and completes it' })
  @IsPresentOrAbsent()
  @IsBoolean()
  complete?: boolean;
}

export class StepIdParam {
  @IsString()
  @MaxLength(64)
  stepId!: string;
}
