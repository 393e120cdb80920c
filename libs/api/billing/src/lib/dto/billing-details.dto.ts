import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GST_STATES } from '@raptorflow/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** PUT /api/v1/billing/details. The GSTIN's state prefix and check character are checked by the service. */
export class BillingDetailsDto {
  @ApiProperty({ example: 'Acme Analytics Private Limited' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  legalName!: string;

  @ApiProperty({ example: '12 MG Road, Pune 411001' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address!: string;

  @ApiProperty({ example: '27', description: 'GST state code of the billing address' })
  @IsIn(GST_STATES.map((s) => s.code), { message: 'stateCode must be a GST state code such as 27 (Maharashtra)' })
  stateCode!: string;

  @ApiPropertyOptional({ example: '27AAPFU0939F1ZV', nullable: true, description: 'Empty for individuals and unregistered businesses' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() || null : value))
  @IsString()
  @Matches(/^[0-9A-Z]{15}$/, { message: 'gstin must have 15 letters and digits' })
  gstin?: string | null;
}
