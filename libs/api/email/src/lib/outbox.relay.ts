import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Database, QUEUE_CALL_TIMEOUT_MS, withTimeout } from '@raptorflow/api-platform';
import type { JobsOptions, Queue } from 'bullmq';
import { sql } from 'kysely';

const POLL_MS = 1_000;
const BATCH = 50;
// A claimed batch is another relay's to take again after this long (a crashed worker); a second delivery keeps the job id.
const LEASE_SECONDS = 60;
// Delivered rows are kept a week for inspection, then removed (checked every 10 minutes).
const KEEP_DELIVERED_DAYS = 7;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Delivers outbox rows to their BullMQ queues, oldest first. A batch is claimed under a lease and committed, handed
 * to the queue outside any transaction (each add within QUEUE_CALL_TIMEOUT_MS), then marked delivered; a failure
 * leaves the row for later with backoff. A crash or lost mark between the two delivers it again under the same job
 * id, which BullMQ and Resend (Idempotency-Key) dedupe.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private busy = false;
  private prunedAt = 0;
  // Runs one after another, so a drain that is asked for sees every row committed before it was asked.
  private tail: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly db: Database,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.busy) this.drain().catch((error: Error) => this.logger.warn(`outbox relay: ${error.message}`));
    }, POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.tail.catch(() => undefined);
  }

  /** Delivers what is due until nothing is or the queue stops accepting; returns how many were delivered. */
  drain(): Promise<number> {
    this.tail = this.tail
      .catch(() => 0)
      .then(async () => {
        this.busy = true;
        try {
          return await this.deliverAll();
        } finally {
          this.busy = false;
        }
      });
    return this.tail;
  }

  private async deliverAll(): Promise<number> {
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.db.asService((tx) =>
        tx.deleteFrom('outbox').where('delivered_at', '<', sql<Date>`now() - make_interval(days => ${KEEP_DELIVERED_DAYS})`).execute(),
      );
    }
    let total = 0;
    for (;;) {
      const { delivered, more } = await this.deliverBatch();
      total += delivered;
      if (!more) return total;
    }
  }

  private async deliverBatch(): Promise<{ delivered: number; more: boolean }> {
    // Claimed under a lease in a transaction of its own: no transaction stays open while Redis is asked.
    const rows = await this.db.asService(async (tx) => {
      const due = await tx
        .selectFrom('outbox')
        .select(['id', 'queue', 'job_name', 'job_id', 'data', 'opts', 'attempts'])
        .where('delivered_at', 'is', null)
        .where('available_at', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length > 0) {
        await tx.updateTable('outbox').set({ available_at: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})` }).where('id', 'in', due.map((r) => r.id)).execute();
      }
      return due;
    });
    const delivered: string[] = [];
    let failed: { id: string; attempts: number; message: string } | undefined;
    for (const row of rows) {
      try {
        await this.add(row.queue, row.job_name, row.data, { ...(row.opts as JobsOptions), jobId: row.job_id });
        delivered.push(row.id);
      } catch (error) {
        const message = (error as Error).message;
        this.logger.warn(`outbox ${row.job_id} not delivered (attempt ${row.attempts + 1}): ${message}`);
        failed = { id: row.id, attempts: row.attempts, message };
        break;
      }
    }
    // The queue is not taking messages: the rest wait for the next round.
    const rest = rows.slice(delivered.length + (failed ? 1 : 0)).map((r) => r.id);
    await this.db.asService(async (tx) => {
      if (delivered.length > 0) {
        await tx.updateTable('outbox').set({ delivered_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1` }).where('id', 'in', delivered).execute();
      }
      if (failed) {
        await tx
          .updateTable('outbox')
          .set({ attempts: failed.attempts + 1, last_error: failed.message.slice(0, 500), available_at: sql<Date>`now() + make_interval(secs => ${Math.min(2 ** failed.attempts, 60)})` })
          .where('id', '=', failed.id)
          .execute();
      }
      if (rest.length > 0) await tx.updateTable('outbox').set({ available_at: sql<Date>`now()` }).where('id', 'in', rest).execute();
    });
    return { delivered: delivered.length, more: !failed && rows.length === BATCH };
  }

  /** Redis that does not answer within the queue-call deadline counts as down; the message waits for the next round. */
  private async add(queueName: string, name: string, data: unknown, opts: JobsOptions): Promise<void> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
    await withTimeout(QUEUE_CALL_TIMEOUT_MS, () => queue.add(name, data, opts));
  }
}
