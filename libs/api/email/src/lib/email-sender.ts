export interface EmailTag {
  name: string;
  value: string;
}

export interface EmailMessage {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  tags?: EmailTag[];
  attachments?: EmailAttachment[];
}

/** A file sent with the message; `content` is base64 so the message stays plain JSON in the outbox and queue. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface SendEmailOptions {
  /** Same key + same message = sent once (kept 24 h by Resend), e.g. `receipt/<merchantOrderId>`. */
  idempotencyKey: string;
}

export interface SentEmail {
  id: string;
}

/** Port to the email provider (Resend in production, the sandbox stand-in locally). Throws `EmailSendError`. */
export abstract class EmailSender {
  abstract send(message: EmailMessage, options: SendEmailOptions): Promise<SentEmail>;
}
