import { Logger } from '@nestjs/common';
import type { Queue, RepeatOptions } from 'bullmq';

const logger = new Logger('JobScheduler');

/**
 * Registers a repeatable job, and registers it again whenever the queue's Redis connection drops: our Redis keeps
 * nothing on disk, so after a restart the schedule is gone and nothing else would bring it back before the worker
 * restarts. Upserts are idempotent (every worker instance may call them); while Redis is down the upsert waits for it.
 */
export async function keepJobScheduler(queue: Queue, id: string, repeat: Omit<RepeatOptions, 'key'>, template: { name: string }): Promise<void> {
  let pending: Promise<unknown> | null = null;
  const upsert = () => {
    pending ??= queue
      .upsertJobScheduler(id, repeat, template)
      .catch((error: Error) => logger.warn(`job scheduler ${queue.name}/${id} not registered: ${error.message}`))
      .finally(() => (pending = null));
    return pending;
  };
  queue.on('ioredis:close', () => void upsert());
  await upsert();
}
