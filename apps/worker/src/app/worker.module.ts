import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EmailWorkerModule } from '@raptorflow/api-email';
import { PaymentsWorkerModule } from '@raptorflow/api-payments';
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
  ],
  providers: [HeartbeatProcessor, HeartbeatScheduler],
})
export class WorkerModule {}
