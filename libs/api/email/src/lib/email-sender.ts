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
