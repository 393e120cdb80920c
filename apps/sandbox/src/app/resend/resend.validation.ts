// Checks the stand-in applies to one email, in Resend's error vocabulary (phonepe.md section 5).
export interface ResendErrorBody {
  statusCode: number;
  name: string;
  message: string;
}

export interface EmailInput {
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  cc?: string[];
  bcc?: string[];
  reply_to?: string[];
  tags?: { name: string; value: string }[];
  headers?: Record<string, string>;
  attachments?: EmailAttachmentInput[];
}

/** Resend's attachment: base64 `content` or a remote `path`, with the `filename` the recipient sees. */
export interface EmailAttachmentInput {
  filename: string;
  content?: string;
  path?: string;
  content_type?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Resend accepts emails of up to 40 MB after base64 encoding, attachments included.
const MAX_EMAIL_BYTES = 40 * 1024 * 1024;

function attachmentsError(value: unknown): ResendErrorBody | null {
  if (!Array.isArray(value)) return resendError(422, 'validation_error', '`attachments` must be an array.');
  for (const a of value as Record<string, unknown>[]) {
    if (typeof a !== 'object' || a === null || typeof a['filename'] !== 'string' || !a['filename']) {
      return resendError(422, 'validation_error', 'Each attachment needs a `filename`.');
    }
    const content = a['content'];
    if ((content === undefined) === (a['path'] === undefined)) {
      return resendError(422, 'validation_error', 'Each attachment needs either `content` or `path`.');
    }
    if (content !== undefined && (typeof content !== 'string' || content.length % 4 !== 0 || !BASE64.test(content))) {
      return resendError(422, 'validation_error', 'Attachment `content` must be base64.');
    }
  }
  return null;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM = /^(?:[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>|([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))$/;
const TAG = /^[A-Za-z0-9_-]{1,256}$/;

export function resendError(statusCode: number, name: string, message: string): ResendErrorBody {
  return { statusCode, name, message };
}

function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export function validateEmail(body: unknown): { value: EmailInput } | { error: ResendErrorBody } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: resendError(422, 'validation_error', 'Request body must be a JSON object.') };
  }
  const input = body as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject']) {
    const value = input[field];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      return { error: resendError(422, 'missing_required_field', `Missing \`${field}\` field.`) };
    }
  }
  if (typeof input['html'] !== 'string' && typeof input['text'] !== 'string') {
    return { error: resendError(422, 'missing_required_field', 'Missing `html` or `text` field.') };
  }
  if (typeof input['from'] !== 'string' || !FROM.test(input['from'].trim())) {
    return {
      error: resendError(422, 'invalid_from_address', 'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.'),
    };
  }
  const to = list(input['to']) as string[];
  if (to.length > 50) return { error: resendError(422, 'validation_error', 'Too many recipients in `to` (max 50).') };
  const cc = list(input['cc']);
  const bcc = list(input['bcc']);
  for (const address of [...to, ...(cc ?? []), ...(bcc ?? [])]) {
    if (!EMAIL.test(address)) return { error: resendError(422, 'validation_error', `Invalid recipient address: ${address}`) };
  }
  const tags = input['tags'];
  if (tags !== undefined) {
    const ok = Array.isArray(tags) && tags.every((t) => TAG.test(String(t?.name)) && TAG.test(String(t?.value)));
    if (!ok) return { error: resendError(422, 'validation_error', 'Tags must be {name, value} of ASCII letters, numbers, _ or -.') };
  }
  if (input['attachments'] !== undefined && input['attachments'] !== null) {
    const problem = attachmentsError(input['attachments']);
    if (problem) return { error: problem };
    if (JSON.stringify(input).length > MAX_EMAIL_BYTES) return { error: resendError(422, 'validation_error', 'The email is larger than 40 MB.') };
  }
  return {
    value: {
      from: input['from'],
      to,
      subject: String(input['subject']),
      html: typeof input['html'] === 'string' ? input['html'] : undefined,
      text: typeof input['text'] === 'string' ? input['text'] : undefined,
      cc,
      bcc,
      reply_to: list(input['reply_to']),
      tags: tags as EmailInput['tags'],
      headers: input['headers'] as Record<string, string> | undefined,
      attachments: (input['attachments'] as EmailAttachmentInput[] | null | undefined) ?? undefined,
    },
  };
}
