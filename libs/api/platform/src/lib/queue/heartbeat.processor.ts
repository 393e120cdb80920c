import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { RedisService } from '../redis/redis';
import { HEARTBEAT_EVERY_MS, HEARTBEAT_JOB, HEARTBEAT_KEY, SYSTEM_QUEUE } from './heartbeat.jobs';
import { keepJobScheduler } from './job-scheduler';

/** A repeatable job proving the worker is alive and consuming: it stamps the time into Redis. */
@Processor(SYSTEM_QUEUE)
export class HeartbeatProcessor extends WorkerHost {
  constructor(private readonly redis: RedisService) {
    super();
  }

  async process(): Promise<string> {
    const at = new Date().toISOString();
    await this.redis.client.set(this.redis.key(HEARTBEAT_KEY), at, 'PX', HEARTBEAT_EVERY_MS * 4);
    return at;
  }
}

@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(SYSTEM_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await keepJobScheduler(this.queue, HEARTBEAT_JOB, { every: HEARTBEAT_EVERY_MS }, { name: HEARTBEAT_JOB });
  }
}
