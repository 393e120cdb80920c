import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '@raptorflow/api-platform';
import { Job } from 'bullmq';
import { MandateCycleService } from './mandate-cycle.service';
import { AUTOPAY_QUEUE, AUTOPAY_SWEEP_JOB, AutopayJob, DEBIT_EXECUTE_JOB, DEBIT_NOTIFY_JOB, DebitJob, MandateCheckJob, MandateJobs } from './mandates.jobs';
import { MandatesRepository } from './mandates.repository';

@Processor(AUTOPAY_QUEUE)
export class AutopayProcessor extends WorkerHost {
  constructor(
    private readonly cycle: MandateCycleService,
    private readonly jobs: MandateJobs,
    private readonly db: Database,
    private readonly mandates: MandatesRepository,
  ) {
    super();
  }

  async process(job: Job<AutopayJob>): Promise<string> {
    switch (job.name) {
      case AUTOPAY_SWEEP_JOB:
        return this.sweep();
      case DEBIT_NOTIFY_JOB:
        return (await this.cycle.notify((job.data as DebitJob).debitId))?.state ?? 'unknown';
      case DEBIT_EXECUTE_JOB:
        return (await this.cycle.execute((job.data as DebitJob).debitId))?.state ?? 'unknown';
      default:
        return (await this.cycle.check((job.data as MandateCheckJob).merchantSubscriptionId))?.state ?? 'unknown';
    }
  }

  /** The safety net for lost jobs: pending setups get a status check, due cycles a debit, live debits their next job. */
  async sweep(): Promise<string> {
    const pending = await this.db.asService((tx) => this.mandates.pending(tx, 120));
    await Promise.all(pending.map((m) => this.jobs.add(MandateJobs.check(m.merchant_subscription_id, m.status_checks, false))));
    const live = await this.cycle.plan();
    return `swept ${pending.length} pending mandates, ${live.length} debits in flight`;
  }
}

@Injectable()
export class AutopaySweepScheduler implements OnApplicationBootstrap {
  constructor(private readonly jobs: MandateJobs) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.keepSweep();
  }
}
