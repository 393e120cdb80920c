import { Module } from '@nestjs/common';
import { WorkspaceDirectoryModule } from '@raptorflow/api-auth';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { GstMonthExport } from './gst-month-export';
import { TaxDocumentsService } from './tax-documents.service';

/** Issues GST tax documents inside settlements (api and worker) and the month's GSTR-1 export; no routes. */
@Module({ imports: [WorkspaceDirectoryModule], providers: [BillingRepository, TaxDocumentsService, GstMonthExport], exports: [BillingRepository, TaxDocumentsService, GstMonthExport] })
export class TaxDocumentsModule {}

/** GST billing details and tax documents for owners (/billing/...). */
@Module({ imports: [TaxDocumentsModule], controllers: [BillingController], providers: [BillingService] })
export class BillingModule {}
