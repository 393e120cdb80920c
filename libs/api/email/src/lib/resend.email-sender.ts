import { Resend } from 'resend';
import { EmailSender, type EmailMessage, type SendEmailOptions, type SentEmail } from './email-sender';
import { EmailSendError } from './email.errors';

export interface ResendEmailSenderOptions {
  apiKey: string;
  /** e.g. "RaptorFlow <billing@mail.raptorflow.in>" (a verified domain in production). */
  from: string;
  /** Defaults to https://api.resend.com; the sandbox serves the API at <sandbox>/resend. */
  baseUrl?: string;
  replyTo?: string;
  /** Default 10 000. */
  timeoutMs?: number;
}

// A request still in flight under the same idempotency key will settle; anything else 4xx will not.
export function isRetryable(status: number | null, name: string): boolean {
  return status === null || status === 429 || status >= 500 || name === 'concurrent_idempotent_requests';
}

/** Sends through the Resend SDK, which reports HTTP failures in its result instead of throwing. */
export class ResendEmailSender extends EmailSender {
  private readonly client: Resend;
  private readonly timeoutMs: number;

  constructor(private readonly options: ResendEmailSenderOptions) {
    super();
    this.client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(message: EmailMessage, { idempotencyKey }: SendEmailOptions): Promise<SentEmail> {
    const { data, error } = await this.client.emails.send(
      {
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        tags: message.tags,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        replyTo: this.options.replyTo,
      },
      { idempotencyKey, signal: AbortSignal.timeout(this.timeoutMs) },
    );
    if (error || !data) {
      const status = error?.statusCode ?? null;
      const name = error?.name ?? 'application_error';
      throw new EmailSendError(name, `Resend: ${error?.message ?? 'no data in response'}`, status, isRetryable(status, name));
    }
    return { id: data.id };
  }
}
