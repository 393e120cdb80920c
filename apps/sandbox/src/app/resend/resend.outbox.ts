import { createHash, randomUUID } from 'node:crypto';
import type { EmailInput, ResendErrorBody } from './resend.validation';

export interface StoredEmail extends EmailInput {
  id: string;
  created_at: string;
  idempotency_key?: string;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

interface IdempotencyRecord {
  fingerprint: string;
  response: StoredResponse;
}

/** In-memory outbox, idempotency records and armed failures for one sandbox instance. */
export class ResendOutbox {
  readonly emails: StoredEmail[] = [];
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private failure?: { status: number; remaining: number };

  reset(): void {
    this.emails.length = 0;
    this.idempotency.clear();
    this.failure = undefined;
  }

  store(input: EmailInput, idempotencyKey: string | undefined): StoredEmail {
    const email: StoredEmail = { ...input, id: randomUUID(), created_at: new Date().toISOString(), idempotency_key: idempotencyKey };
    this.emails.push(email);
    return email;
  }

  find(id: string): StoredEmail | undefined {
    return this.emails.find((email) => email.id === id);
  }

  /** Newest first, optionally only those addressed to `to` (case-insensitive). */
  list(to?: string): StoredEmail[] {
    const wanted = to?.toLowerCase();
    return this.emails.filter((e) => !wanted || e.to.some((address) => address.toLowerCase() === wanted)).reverse();
  }

  armFailure(status: number, count: number): void {
    this.failure = { status, remaining: count };
  }

  takeFailure(): number | undefined {
    if (!this.failure) return undefined;
    const { status } = this.failure;
    this.failure.remaining -= 1;
    if (this.failure.remaining <= 0) this.failure = undefined;
    return status;
  }

  /** Replays the first response for the same key and request; a different request under the key is a 409. */
  replay(key: string, path: string, body: unknown): StoredResponse | ResendErrorBody | undefined {
    const record = this.idempotency.get(key);
    if (!record) return undefined;
    if (record.fingerprint !== fingerprint(path, body)) {
      return {
        statusCode: 409,
        name: 'invalid_idempotent_request',
        message: 'Same idempotency key used with a different request payload. Change your idempotency key or payload.',
      };
    }
    return record.response;
  }

  remember(key: string, path: string, body: unknown, response: StoredResponse): void {
    this.idempotency.set(key, { fingerprint: fingerprint(path, body), response });
  }
}

function fingerprint(path: string, body: unknown): string {
  return createHash('sha256').update(path).update('\n').update(JSON.stringify(body)).digest('hex');
}
