import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { JobsOptions } from 'bullmq';

/** A BullMQ job that must follow a database change; `jobId` is its idempotency key. */
export interface OutboxMessage {
  queue: string;
  name: string;
  jobId: string;
  data: unknown;
  opts?: Pick<JobsOptions, 'attempts' | 'backoff' | 'delay'>;
}

/**
 * The transactional outbox: written in the caller's transaction, so a message exists exactly when the change
 * that owes it committed. The worker's OutboxRelay delivers it. The same jobId written twice is one message.
 */
@Injectable()
export class Outbox {
  async add(tx: Tx, message: OutboxMessage): Promise<boolean> {
    const row = await tx
      .insertInto('outbox')
      .values({ queue: message.queue, job_name: message.name, job_id: message.jobId, data: JSON.stringify(message.data), opts: JSON.stringify(message.opts ?? {}) })
      .onConflict((oc) => oc.column('job_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return !!row;
  }
}
