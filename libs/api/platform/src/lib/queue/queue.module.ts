import { BullModule } from '@nestjs/bullmq';
import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { AppConfig } from '../config/env.schema';
import { createRedisClient, reconnectDelay } from '../redis/redis';

/**
 * How long a request waits on a BullMQ call (add, getJob). BullMQ's connections keep retrying while Redis is down
 * (its workers need `maxRetriesPerRequest: null`), so producers bound every call with withTimeout and this.
 */
export const QUEUE_CALL_TIMEOUT_MS = 1500;

/**
 * BullMQ's connection. A cluster client is shared by every queue and worker of the app (workers duplicate it for
 * their blocking commands) and BullMQ never closes a shared client, so this does at shutdown, after the queues and
 * workers closed. One server gets a connection per queue, as BullMQ does by default.
 */
@Injectable()
export class BullConnection implements OnApplicationShutdown {
  readonly options: ConnectionOptions;

  constructor(config: AppConfig) {
    const options = { retryStrategy: reconnectDelay, maxRetriesPerRequest: null };
    this.options = config.REDIS_CLUSTER_NODES ? createRedisClient(config, options) : { url: config.REDIS_URL, ...options };
  }

  onApplicationShutdown(): void {
    if (this.options instanceof Cluster) this.options.disconnect();
  }
}

@Module({ providers: [BullConnection], exports: [BullConnection] })
class BullConnectionModule {}

/** BullMQ on the app's Redis (or cluster); queue keys live under `config.bullPrefix`. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [BullConnectionModule],
      inject: [AppConfig, BullConnection],
      useFactory: (config: AppConfig, bull: BullConnection) => ({
        connection: bull.options,
        prefix: config.bullPrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
