import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { OutboxMessage } from '@raptorflow/api-email';
import { keepJobScheduler, QUEUE_CALL_TIMEOUT_MS, withTimeout } from '@raptorflow/api-platform';
import type { Queue } from 'bullmq';

export const PAYMENT_RECONCILE_QUEUE = 'payment-reconcile';
/** Ask PhonePe for an order's state and settle it. */
export const RECONCILE_JOB = 'reconcile';
/** Send a reserved refund to PhonePe (idempotent by merchantRefundId) and settle it from its status. */
export const REFUND_JOB = 'refund';
export const SWEEP_JOB = 'sweep';
export const SWEEP_EVERY_MS = 5 * 60_000;

export interface ReconcileJob {
  merchantOrderId: string;
}
export interface RefundJob {
  merchantRefundId: string;
}
export type PaymentJob = ReconcileJob | RefundJob;

// PhonePe's recommended polling: first check ~20 s after checkout, then more and more rarely.
const SCHEDULE_SECONDS = [20, 5, 5, 5, 5, 10, 10, 10, 30, 30, 60];

export function reconcileDelayMs(checks: number): number {
  return SCHEDULE_SECONDS[Math.min(checks, SCHEDULE_SECONDS.length - 1)] * 1000;
}

const RETRY = { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } };

/**
 * The one producer of payment jobs: their ids, retries and backoff. Ids are deterministic: an order's or
 * refund's id plus how many status checks it has had, so every producer (webhook hint, checkout, chain,
 * sweep) of the same next check makes the same job, and a new check gets a new id once the last one ran.
 */
@Injectable()
export class PaymentJobs {
  constructor(@InjectQueue(PAYMENT_RECONCILE_QUEUE) private readonly queue: Queue<PaymentJob>) {}

  /** The next status check of an order; `delayed` follows the polling schedule, otherwise it runs now. */
  static reconcile(merchantOrderId: string, checks: number, delayed: boolean): OutboxMessage {
    return {
      queue: PAYMENT_RECONCILE_QUEUE,
      name: RECONCILE_JOB,
      jobId: `reconcile-${merchantOrderId}-${checks}${delayed ? '-later' : ''}`,
      data: { merchantOrderId } satisfies ReconcileJob,
      opts: { ...RETRY, delay: delayed ? reconcileDelayMs(checks) : 0 },
    };
  }

  /** The next push-and-check of a refund. */
  static refund(merchantRefundId: string, checks: number, delayed: boolean): OutboxMessage {
    return {
      queue: PAYMENT_RECONCILE_QUEUE,
      name: REFUND_JOB,
      jobId: `refund-${merchantRefundId}-${checks}${delayed ? '-later' : ''}`,
      data: { merchantRefundId } satisfies RefundJob,
      opts: { ...RETRY, delay: delayed ? reconcileDelayMs(checks) : 0 },
    };
  }

  /** Straight to the queue (the worker's own follow-ups; the outbox carries everything a transaction owes). */
  async add(message: OutboxMessage): Promise<void> {
    await withTimeout(QUEUE_CALL_TIMEOUT_MS, () => this.queue.add(message.name, message.data as PaymentJob, { ...message.opts, jobId: message.jobId }));
  }

  async keepSweep(): Promise<void> {
    await keepJobScheduler(this.queue, SWEEP_JOB, { every: SWEEP_EVERY_MS }, { name: SWEEP_JOB });
  }
}
