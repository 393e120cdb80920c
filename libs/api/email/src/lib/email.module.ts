import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '@raptorflow/api-platform';
import { EmailSender } from './email-sender';
import { EMAIL_QUEUE } from './email.jobs';
import { EmailProcessor } from './email.processor';
import { EmailService } from './email.service';
import { ResendEmailSender } from './resend.email-sender';

const emailSender = {
  provide: EmailSender,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new ResendEmailSender({ apiKey: config.RESEND_API_KEY, from: config.EMAIL_FROM, baseUrl: config.RESEND_BASE_URL }),
};

/** Producers (API, worker services) import this to enqueue emails. */
@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE })],
  providers: [EmailService],
  exports: [EmailService],
})
export class EmailModule {}

/** The worker's side: the processor that really sends. */
@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE })],
  providers: [emailSender, EmailProcessor],
})
export class EmailWorkerModule {}
