import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/env.schema';
import { createRedisClient, reconnectDelay } from '../redis/redis';

/**
 * How long a request waits on a BullMQ call (add, getJob). BullMQ's connections keep retrying while Redis is down
 * (its workers need `maxRetriesPerRequest: null`), so producers bound every call with withTimeout and this.
 */
export const QUEUE_CALL_TIMEOUT_MS = 1500;

/** BullMQ on the app's Redis (or cluster); queue keys live under `config.bullPrefix`. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A cluster is shared by every queue and worker (workers duplicate it for their blocking commands); one
        // server gets a connection per queue, as BullMQ does by default.
        connection: config.REDIS_CLUSTER_NODES
          ? createRedisClient(config, { retryStrategy: reconnectDelay, maxRetriesPerRequest: null })
          : { url: config.REDIS_URL, retryStrategy: reconnectDelay, maxRetriesPerRequest: null },
        prefix: config.bullPrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
