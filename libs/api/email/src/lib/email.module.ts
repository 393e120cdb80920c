import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '@raptorflow/api-platform';
import { EmailSender } from './email-sender';
import { EMAIL_QUEUE } from './email.jobs';
import { EmailProcessor } from './email.processor';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox.relay';
import { ResendEmailSender } from './resend.email-sender';

const emailSender = {
  provide: EmailSender,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new ResendEmailSender({ apiKey: config.RESEND_API_KEY, from: config.EMAIL_FROM, baseUrl: config.RESEND_BASE_URL }),
};

/** Producers import this to write emails (and other follow-up jobs) to the outbox in their transaction. */
@Module({
  providers: [Outbox],
  exports: [Outbox],
})
export class EmailModule {}

/** The worker's side: the outbox relay and the processor that really sends. */
@Module({
  imports: [BullModule.registerQueue({ name: EMAIL_QUEUE })],
  providers: [emailSender, EmailProcessor, OutboxRelay],
  exports: [OutboxRelay],
})
export class EmailWorkerModule {}
