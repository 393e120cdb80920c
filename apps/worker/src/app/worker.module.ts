import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BcmWorkerModule } from '@raptorflow/api-bcm';
import { EmailWorkerModule } from '@raptorflow/api-email';
import { PaymentsWorkerModule } from '@raptorflow/api-payments';
import { ONBOARDING_CLEANUP_QUEUE, OnboardingCleanupProcessor, OnboardingCleanupScheduler, OnboardingModule } from '@raptorflow/api-onboarding';
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
    EmailWorkerModule,
    BcmWorkerModule,
    OnboardingModule,
    BullModule.registerQueue({ name: ONBOARDING_CLEANUP_QUEUE }),
  ],
  providers: [HeartbeatProcessor, HeartbeatScheduler, OnboardingCleanupProcessor, OnboardingCleanupScheduler],
})
export class WorkerModule {}
