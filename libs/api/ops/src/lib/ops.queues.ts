import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Provider } from '@nestjs/common';
import { BCM_REBUILD_QUEUE } from '@raptorflow/api-bcm';
import { EMAIL_QUEUE } from '@raptorflow/api-email';
import { ONBOARDING_CLEANUP_QUEUE } from '@raptorflow/api-onboarding';
import { PAYMENT_RECONCILE_QUEUE } from '@raptorflow/api-payments';
import { Database, QUEUE_CALL_TIMEOUT_MS, SYSTEM_QUEUE, ServiceUnavailableError, withTimeout } from '@raptorflow/api-platform';
import type { OpsOutboxView, OpsQueueCounts, OpsQueueJob, OpsQueues, OpsQueueView } from '@raptorflow/contracts';
import type { Job, Queue } from 'bullmq';
import { sql } from 'kysely';
import { OpsError } from './ops.errors';

/** Every BullMQ queue the worker runs, in the order the console lists them. */
export const OPS_QUEUE_NAMES = [BCM_REBUILD_QUEUE, EMAIL_QUEUE, PAYMENT_RECONCILE_QUEUE, ONBOARDING_CLEANUP_QUEUE, SYSTEM_QUEUE] as const;
export type OpsQueueName = (typeof OPS_QUEUE_NAMES)[number];

const FAILED_SHOWN = 20;
const iso = (ms: number | undefined | null): string | null => (ms ? new Date(ms).toISOString() : null);

export function toQueueJob(job: Pick<Job, 'id' | 'name' | 'attemptsMade' | 'failedReason' | 'timestamp' | 'finishedOn'>): OpsQueueJob {
  return { id: String(job.id), name: job.name, attemptsMade: job.attemptsMade, failedReason: job.failedReason || null, createdAt: new Date(job.timestamp).toISOString(), finishedAt: iso(job.finishedOn) };
}

/** The queues by name; registered by OpsModule (`BullModule.registerQueue`). */
export class OpsQueueSet {
  constructor(readonly byName: ReadonlyMap<OpsQueueName, Queue>) {}
}

export const opsQueueSetProvider: Provider = {
  provide: OpsQueueSet,
  inject: OPS_QUEUE_NAMES.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => new OpsQueueSet(new Map(OPS_QUEUE_NAMES.map((name, i) => [name, queues[i]]))),
};

/** What the operator console's queue view reads from BullMQ and the outbox, and the one thing it changes (retry). */
@Injectable()
export class OpsQueuesService {
  constructor(
    private readonly queues: OpsQueueSet,
    private readonly db: Database,
  ) {}

  async overview(): Promise<OpsQueues> {
    // Postgres first, then Redis: never a queue call inside a transaction.
    const outbox = await this.outbox();
    const queues = await this.call(() => Promise.all(OPS_QUEUE_NAMES.map((name) => this.view(name))));
    return { at: new Date().toISOString(), queues, outbox };
  }

  /** Moves one failed job back to waiting (its attempts start again); returns the job as it was. */
  async retry(name: OpsQueueName, jobId: string): Promise<OpsQueueJob> {
    const queue = this.queue(name);
    return this.call(async () => {
      const job = await queue.getJob(jobId);
      if (!job) throw new OpsError('JOB_NOT_FOUND', `jobId: queue ${name} has no job ${jobId}.`);
      const state = await job.getState();
      if (state !== 'failed') throw new OpsError('JOB_NOT_FAILED', `jobId: job ${jobId} is ${state}; only failed jobs can be retried.`);
      const before = toQueueJob(job);
      await job.retry('failed');
      return before;
    });
  }

  private queue(name: OpsQueueName): Queue {
    const queue = this.queues.byName.get(name);
    if (!queue) throw new OpsError('QUEUE_NOT_FOUND', `queue: there is no queue ${name}.`);
    return queue;
  }

  private async view(name: OpsQueueName): Promise<OpsQueueView> {
    const queue = this.queue(name);
    const [raw, paused, failed, active] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
      queue.isPaused(),
      queue.getFailed(0, FAILED_SHOWN - 1),
      queue.getActive(0, 99),
    ]);
    const counts: OpsQueueCounts = { waiting: raw['waiting'] ?? 0, active: raw['active'] ?? 0, delayed: raw['delayed'] ?? 0, failed: raw['failed'] ?? 0, completed: raw['completed'] ?? 0, prioritized: raw['prioritized'] ?? 0 };
    // A live worker renews each active job's lock; an active job without one has stalled.
    const client = await queue.getBackend().connection.client;
    const locks = await Promise.all(active.map((job) => client.get(`${queue.toKey(String(job.id))}:lock`)));
    return {
      name,
      paused,
      depth: counts.waiting + counts.prioritized + counts.delayed + counts.active,
      counts,
      stalled: active.filter((_, i) => locks[i] === null).map(toQueueJob),
      failed: failed.filter((job): job is Job => !!job).map(toQueueJob),
    };
  }

  private outbox(): Promise<OpsOutboxView> {
    return this.db.asService(async (tx) => {
      const row = await tx
        .selectFrom('outbox')
        .select([
          sql<string>`count(*)`.as('undelivered'),
          sql<string>`count(*) filter (where last_error is not null)`.as('with_errors'),
          sql<Date | null>`min(created_at)`.as('oldest'),
        ])
        .where('delivered_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { undelivered: Number(row.undelivered), withErrors: Number(row.with_errors), oldestUndeliveredAt: row.oldest ? new Date(row.oldest).toISOString() : null };
    });
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(QUEUE_CALL_TIMEOUT_MS, work);
    } catch (error) {
      if (error instanceof OpsError) throw error;
      throw new ServiceUnavailableError('The queues (Redis) are not answering; please try again shortly.');
    }
  }
}
