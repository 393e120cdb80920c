import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { TaxDocumentsService } from './tax-documents.service';

/** Issues GST tax documents inside settlements (api and worker); no routes. */
@Module({ providers: [BillingRepository, TaxDocumentsService], exports: [BillingRepository, TaxDocumentsService] })
export class TaxDocumentsModule {}

/** GST billing details and tax documents for owners (/billing/...). */
@Module({ imports: [TaxDocumentsModule], controllers: [BillingController], providers: [BillingService] })
export class BillingModule {}
