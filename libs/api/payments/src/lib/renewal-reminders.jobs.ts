import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { keepJobScheduler, QUEUE_CALL_TIMEOUT_MS, withTimeout } from '@raptorflow/api-platform';
import type { Queue } from 'bullmq';

export const BILLING_REMINDERS_QUEUE = 'billing-reminders';
/** Find every trial and term whose reminder is due and send each one once (subscription_reminders). */
export const REMINDER_SWEEP_JOB = 'reminder-sweep';
// Hourly: a reminder goes out within the hour its window opens.
export const REMINDER_SWEEP_EVERY_MS = 60 * 60_000;

export interface ReminderSweepJob {
  /** When to sweep "as of" (ISO); absent means now. */
  asOf?: string;
}

/**
 * The one producer of billing-reminder jobs: the repeatable sweep (one scheduler id, so every worker that
 * starts upserts the same schedule) and a sweep on demand, whose job id is the minute it is for.
 */
@Injectable()
export class RenewalReminderJobs {
  constructor(@InjectQueue(BILLING_REMINDERS_QUEUE) private readonly queue: Queue<ReminderSweepJob>) {}

  static sweepJobId(asOf: Date): string {
    return `reminder-sweep-${asOf.toISOString().slice(0, 16).replace(/[^0-9]/g, '')}`;
  }

  async keepSweep(): Promise<void> {
    await keepJobScheduler(this.queue, REMINDER_SWEEP_JOB, { every: REMINDER_SWEEP_EVERY_MS }, { name: REMINDER_SWEEP_JOB });
  }

  async sweepNow(asOf: Date = new Date()): Promise<string> {
    const jobId = RenewalReminderJobs.sweepJobId(asOf);
    await withTimeout(QUEUE_CALL_TIMEOUT_MS, () => this.queue.add(REMINDER_SWEEP_JOB, { asOf: asOf.toISOString() }, { jobId, attempts: 3, backoff: { type: 'exponential', delay: 5_000 } }));
    return jobId;
  }
}
