import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BcmWorkerModule } from '@raptorflow/api-bcm';
import { EmailWorkerModule } from '@raptorflow/api-email';
import { PaymentsWorkerModule, RenewalRemindersWorkerModule } from '@raptorflow/api-payments';
import { OnboardingWorkerModule } from '@raptorflow/api-onboarding';
import {
  AppConfig,
  ConfigModule,
  HeartbeatProcessor,
  HeartbeatScheduler,
  loggerParams,
  QueueModule,
  StorageModule,
  SYSTEM_QUEUE,
} from '@raptorflow/api-platform';
import { LoggerModule } from 'nestjs-pino';

@Module({
  imports: [
    ConfigModule,
    StorageModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    QueueModule,
    BullModule.registerQueue({ name: SYSTEM_QUEUE }),
    PaymentsWorkerModule,
    RenewalRemindersWorkerModule,
    EmailWorkerModule,
    BcmWorkerModule,
    OnboardingWorkerModule,
  ],
  providers: [HeartbeatProcessor, HeartbeatScheduler],
})
export class WorkerModule {}
