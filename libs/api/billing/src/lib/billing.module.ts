import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { TaxDocumentsService } from './tax-documents.service';

/** GST billing details and tax documents (/billing/...); TaxDocumentsService issues them inside settlements. */
@Module({
  controllers: [BillingController],
  providers: [BillingRepository, BillingService, TaxDocumentsService],
  exports: [TaxDocumentsService],
})
export class BillingModule {}
