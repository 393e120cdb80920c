import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { OutboxMessage } from '@raptorflow/api-email';
import { keepJobScheduler, QUEUE_CALL_TIMEOUT_MS, withTimeout } from '@raptorflow/api-platform';
import type { Queue } from 'bullmq';
import { reconcileDelayMs } from '../payments.jobs';

export const AUTOPAY_QUEUE = 'autopay';
/** Ask PhonePe for a mandate's state and apply it. */
export const MANDATE_CHECK_JOB = 'mandate-check';
/** Send a debit's pre-debit notice (PhonePe notify) and wait for PhonePe to confirm it. */
export const DEBIT_NOTIFY_JOB = 'debit-notify';
/** Execute a notified debit on its due date and settle it. */
export const DEBIT_EXECUTE_JOB = 'debit-execute';
export const AUTOPAY_SWEEP_JOB = 'autopay-sweep';
export const AUTOPAY_SWEEP_EVERY_MS = 5 * 60_000;

export interface MandateCheckJob {
  merchantSubscriptionId: string;
}
export interface DebitJob {
  debitId: string;
}
export type AutopayJob = MandateCheckJob | DebitJob;

const RETRY = { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } };

/**
 * The one producer of Autopay jobs. Ids are deterministic: the mandate's or debit's id plus how many checks
 * it has had, so the sweep, a webhook hint and a job's own follow-up make the same next job, and a job that
 * ran (and counted its check) is followed by a new id.
 */
@Injectable()
export class MandateJobs {
  constructor(@InjectQueue(AUTOPAY_QUEUE) private readonly queue: Queue<AutopayJob>) {}

  static check(merchantSubscriptionId: string, checks: number, delayed: boolean): OutboxMessage {
    return {
      queue: AUTOPAY_QUEUE,
      name: MANDATE_CHECK_JOB,
      jobId: `mandate-check-${merchantSubscriptionId}-${checks}${delayed ? '-later' : ''}`,
      data: { merchantSubscriptionId } satisfies MandateCheckJob,
      opts: { ...RETRY, delay: delayed ? reconcileDelayMs(checks) : 0 },
    };
  }

  /** A debit's next step at `at` (notify or execute by its state), or now. */
  /**
   * A debit's next step. `overdue` (the sweep's time bucket) gives a step that should have run a new job id: its job
   * may be lost (a Redis that restarted empty), and the outbox would drop a second message under the first one's id.
   * Running a step twice is harmless (each step checks the debit's state first).
   */
  static debit(name: typeof DEBIT_NOTIFY_JOB | typeof DEBIT_EXECUTE_JOB, debitId: string, checks: number, at?: Date, overdue?: number): OutboxMessage {
    return {
      queue: AUTOPAY_QUEUE,
      name,
      jobId: `${name}-${debitId}-${checks}${overdue === undefined ? '' : `-overdue-${overdue}`}`,
      data: { debitId } satisfies DebitJob,
      opts: { ...RETRY, delay: at ? Math.max(0, at.getTime() - Date.now()) : 0 },
    };
  }

  async add(message: OutboxMessage): Promise<void> {
    await withTimeout(QUEUE_CALL_TIMEOUT_MS, () => this.queue.add(message.name, message.data as AutopayJob, { ...message.opts, jobId: message.jobId }));
  }

  async keepSweep(): Promise<void> {
    await keepJobScheduler(this.queue, AUTOPAY_SWEEP_JOB, { every: AUTOPAY_SWEEP_EVERY_MS }, { name: AUTOPAY_SWEEP_JOB });
  }
}
