import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { QUEUE_CALL_TIMEOUT_MS, withTimeout } from '@raptorflow/api-platform';
import type { Queue } from 'bullmq';
import type { EmailMessage } from './email-sender';
import { EMAIL_QUEUE, emailJobId, SEND_EMAIL_JOB, SendEmailJob } from './email.jobs';
import type { RenderedEmail } from './email.templates';

/** The only way the app sends email: through the `email` queue, retried with backoff, once per key. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);

  constructor(@InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<SendEmailJob>) {}

  /** Resolves false when the queue is unreachable; callers must not fail a payment over an email. */
  async enqueue(to: string, email: RenderedEmail, idempotencyKey: string): Promise<boolean> {
    const message: EmailMessage = { to, subject: email.subject, html: email.html, text: email.text, tags: email.tags };
    try {
      await withTimeout(QUEUE_CALL_TIMEOUT_MS, () =>
        this.queue.add(SEND_EMAIL_JOB, { message, idempotencyKey }, {
          jobId: emailJobId(idempotencyKey),
          attempts: 8,
          backoff: { type: 'exponential', delay: 5_000 },
        }),
      );
      return true;
    } catch (error) {
      this.logger.warn(`email ${idempotencyKey} not queued: ${(error as Error).message}`);
      return false;
    }
  }
}
