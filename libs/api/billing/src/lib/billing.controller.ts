import { Body, Controller, Get, Param, ParseUUIDPipe, Put, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequiresAal2 } from '@raptorflow/api-auth';
import type { UserClaims } from '@raptorflow/api-platform';
import type { BillingDetails, TaxDocumentView } from '@raptorflow/contracts';
import { BillingService } from './billing.service';
import { BillingDetailsDto } from './dto/billing-details.dto';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('details')
  details(@CurrentUser() user: UserClaims): Promise<BillingDetails | null> {
    return this.billing.details(user);
  }

  @Put('details')
  @RequiresAal2()
  saveDetails(@CurrentUser() user: UserClaims, @Body() body: BillingDetailsDto): Promise<BillingDetails> {
    return this.billing.saveDetails(user, { ...body, gstin: body.gstin ?? null });
  }

  @Get('documents')
  documents(@CurrentUser() user: UserClaims): Promise<TaxDocumentView[]> {
    return this.billing.documents(user);
  }

  @Get('documents/:id/pdf')
  async pdf(@CurrentUser() user: UserClaims, @Param('id', new ParseUUIDPipe()) id: string): Promise<StreamableFile> {
    const { filename, pdf } = await this.billing.pdf(user, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"` });
  }
}
