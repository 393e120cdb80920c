import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WorkspaceDirectoryModule } from '@raptorflow/api-auth';
import { TaxDocumentsModule } from '@raptorflow/api-billing';
import { EmailModule, EmailWorkerModule } from '@raptorflow/api-email';
import { AppConfig } from '@raptorflow/api-platform';
import { PaymentGateway } from './gateway/payment-gateway';
import { AutopayGateway } from './gateway/autopay-gateway';
import { PhonePeAutopayGateway } from './gateway/phonepe.subscription';
import { AUTOPAY_QUEUE, MANDATE_API_PROVIDERS, MANDATE_WORKER_PROVIDERS, MandatesController } from './mandates/mandates.module-parts';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentsController } from './payments.controller';
import { PAYMENT_RECONCILE_QUEUE, PaymentJobs } from './payments.jobs';
import { PaymentReconcileProcessor, PaymentSweepScheduler } from './payments.processor';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';
import { PlanChangeController } from './plan-change.controller';
import { PlanChangeRepository } from './plan-change.repository';
import { PlanChangeService } from './plan-change.service';
import { PlanChangeSettlement } from './plan-change.settlement';

const gateway = {
  provide: PaymentGateway,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new PhonePeAutopayGateway({
      oauthBaseUrl: config.PHONEPE_OAUTH_BASE_URL,
      pgBaseUrl: config.PHONEPE_PG_BASE_URL,
      clientId: config.PHONEPE_CLIENT_ID,
      clientSecret: config.PHONEPE_CLIENT_SECRET,
      clientVersion: config.PHONEPE_CLIENT_VERSION,
      webhookUsername: config.PHONEPE_WEBHOOK_USERNAME,
      webhookPassword: config.PHONEPE_WEBHOOK_PASSWORD,
      timeoutMs: config.PHONEPE_TIMEOUT_MS,
    }),
};

const shared = [gateway, { provide: AutopayGateway, useExisting: PaymentGateway }, PaymentsRepository, PaymentSettlementService, PlanChangeRepository, PlanChangeSettlement, ...MANDATE_API_PROVIDERS];

/** The API's side: everything it owes (status checks, refunds, emails) goes to the outbox, not to Redis. */
@Module({
  imports: [EmailModule, TaxDocumentsModule, WorkspaceDirectoryModule],
  controllers: [PaymentsController, MandatesController, PlanChangeController],
  providers: [...shared, PaymentsService, PlanChangeService],
  exports: [PaymentsService, PaymentSettlementService, PaymentsRepository],
})
export class PaymentsModule {}

/** The worker's side: status checks, refunds and the sweep; the outbox relay delivers to this queue too. */
@Module({
  imports: [EmailModule, EmailWorkerModule, TaxDocumentsModule, WorkspaceDirectoryModule, BullModule.registerQueue({ name: PAYMENT_RECONCILE_QUEUE }, { name: AUTOPAY_QUEUE })],
  providers: [...shared, PaymentJobs, PaymentReconcileProcessor, PaymentSweepScheduler, ...MANDATE_WORKER_PROVIDERS],
})
export class PaymentsWorkerModule {}
