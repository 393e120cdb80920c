import type { EmailAttachment, EmailMessage } from './email-sender';
import type { RenderedEmail } from './email.templates';
import type { OutboxMessage } from './outbox';

export const EMAIL_QUEUE = 'email';
export const SEND_EMAIL_JOB = 'send';

export interface SendEmailJob {
  message: EmailMessage;
  /** Also the job id and Resend's Idempotency-Key: the same email written twice is sent once. */
  idempotencyKey: string;
}

// BullMQ job ids may not contain ':'; keys like receipt/RF_... map to a stable safe id.
export const emailJobId = (idempotencyKey: string): string => `email-${idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The outbox message that sends `email` to `to` once per `idempotencyKey`, retried with backoff. */
export function emailMessage(to: string, email: RenderedEmail, idempotencyKey: string, attachments?: EmailAttachment[]): OutboxMessage {
  const message: EmailMessage = { to, subject: email.subject, html: email.html, text: email.text, tags: email.tags, ...(attachments?.length ? { attachments } : {}) };
  const data: SendEmailJob = { message, idempotencyKey };
  return { queue: EMAIL_QUEUE, name: SEND_EMAIL_JOB, jobId: emailJobId(idempotencyKey), data, opts: { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } } };
}
