import type { EmailMessage } from './email-sender';

export const EMAIL_QUEUE = 'email';
export const SEND_EMAIL_JOB = 'send';

export interface SendEmailJob {
  message: EmailMessage;
  /** Also the job id: the same email enqueued twice is sent once. */
  idempotencyKey: string;
}

// BullMQ job ids may not contain ':'; keys like receipt/RF_... map to a stable safe id.
export const emailJobId = (idempotencyKey: string): string => `email-${idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
