import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/env.schema';
import { reconnectDelay } from '../redis/redis';

/**
 * How long a request waits on a BullMQ call (add, getJob). BullMQ's connections keep retrying while Redis is down
 * (its workers need `maxRetriesPerRequest: null`), so producers bound every call with withTimeout and this.
 */
export const QUEUE_CALL_TIMEOUT_MS = 1500;

/** BullMQ on the app's Redis; queue keys live under `<prefix>:bull`. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, retryStrategy: reconnectDelay, maxRetriesPerRequest: null },
        prefix: `${config.redisPrefix}:bull`,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
