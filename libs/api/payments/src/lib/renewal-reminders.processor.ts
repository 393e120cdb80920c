import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { BILLING_REMINDERS_QUEUE, ReminderSweepJob, RenewalReminderJobs } from './renewal-reminders.jobs';
import { RenewalRemindersService } from './renewal-reminders.service';

@Processor(BILLING_REMINDERS_QUEUE)
export class RenewalReminderProcessor extends WorkerHost {
  constructor(private readonly reminders: RenewalRemindersService) {
    super();
  }

  async process(job: Job<ReminderSweepJob>): Promise<string> {
    const sent = await this.reminders.sweep(job.data?.asOf ? new Date(job.data.asOf) : new Date());
    return `sent ${sent.length} reminders`;
  }
}

@Injectable()
export class RenewalReminderScheduler implements OnApplicationBootstrap {
  constructor(private readonly jobs: RenewalReminderJobs) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.keepSweep();
  }
}
