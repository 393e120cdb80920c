import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { EmailSender } from './email-sender';
import { EmailSendError } from './email.errors';
import { EMAIL_QUEUE, SendEmailJob } from './email.jobs';

@Processor(EMAIL_QUEUE)
export class EmailProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailProcessor.name);

  constructor(private readonly sender: EmailSender) {
    super();
  }

  async process(job: Job<SendEmailJob>): Promise<string> {
    try {
      return (await this.sender.send(job.data.message, { idempotencyKey: job.data.idempotencyKey })).id;
    } catch (error) {
      // A rejected message (bad address, bad key) will not improve with retries.
      if (error instanceof EmailSendError && !error.retryable) {
        this.logger.error(`email ${job.data.idempotencyKey} rejected: ${error.code}`);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
