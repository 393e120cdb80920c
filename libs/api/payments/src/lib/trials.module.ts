import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WorkspaceDirectoryModule } from '@raptorflow/api-auth';
import { EmailModule } from '@raptorflow/api-email';
import { BILLING_REMINDERS_QUEUE, RenewalReminderJobs } from './renewal-reminders.jobs';
import { RenewalReminderProcessor, RenewalReminderScheduler } from './renewal-reminders.processor';
import { MandatesRepository } from './mandates/mandates.repository';
import { PlanChangeRepository } from './plan-change.repository';
import { RenewalRemindersService } from './renewal-reminders.service';
import { TrialsController } from './trials.controller';
import { TrialsRepository } from './trials.repository';
import { TrialsService } from './trials.service';

/** The API's side of trials: `POST /payments/trial`. */
@Module({
  imports: [EmailModule, WorkspaceDirectoryModule],
  controllers: [TrialsController],
  providers: [TrialsRepository, TrialsService],
  exports: [TrialsService],
})
export class TrialsModule {}

/** The worker's side: the hourly reminder sweep (trial ending, renewal 7/3/1 days before the period end). */
@Module({
  imports: [EmailModule, WorkspaceDirectoryModule, BullModule.registerQueue({ name: BILLING_REMINDERS_QUEUE })],
  providers: [TrialsRepository, MandatesRepository, PlanChangeRepository, RenewalRemindersService, RenewalReminderJobs, RenewalReminderProcessor, RenewalReminderScheduler],
  exports: [RenewalRemindersService, RenewalReminderJobs],
})
export class RenewalRemindersWorkerModule {}
