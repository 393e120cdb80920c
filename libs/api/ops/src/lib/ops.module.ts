import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BcmQueueModule } from '@raptorflow/api-bcm';
import { TaxDocumentsModule } from '@raptorflow/api-billing';
import { EmailModule } from '@raptorflow/api-email';
import { PaymentsModule } from '@raptorflow/api-payments';
import { AuditController } from './audit.controller';
import { OpsController } from './ops.controller';
import { OpsRepository } from './ops.repository';
import { OPS_QUEUE_NAMES, OpsQueuesService, opsQueueSetProvider } from './ops.queues';
import { OpsService } from './ops.service';

/** The operator console's API under /ops and owners' audit trail under /audit (needs StorageModule, QueueModule, AuthModule). */
@Module({
  imports: [PaymentsModule, BcmQueueModule, EmailModule, TaxDocumentsModule, BullModule.registerQueue(...OPS_QUEUE_NAMES.map((name) => ({ name })))],
  controllers: [OpsController, AuditController],
  providers: [OpsRepository, OpsService, OpsQueuesService, opsQueueSetProvider],
})
export class OpsModule {}
