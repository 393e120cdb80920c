import { createHash, randomUUID } from 'node:crypto';

export type WebhookMode =
  | { mode: 'normal' }
  | { mode: 'delay'; ms: number }
  | { mode: 'duplicate'; count: number }
  | { mode: 'drop' }
  | { mode: 'reorder' }
  | { mode: 'bad-auth' };

export interface WebhookSettings {
  url: string;
  username: string;
  password: string;
  mode: WebhookMode;
  /** Extra attempts after a receiver 5xx or network error. */
  retries: number;
  retryDelayMs: number;
}

export interface WebhookBody {
  event: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  event: string;
  merchantOrderId?: string;
  merchantRefundId?: string;
  url: string;
  authorization: string;
  body: WebhookBody;
  /** HTTP status of the last attempt, or what happened instead. */
  outcome: number | 'dropped' | 'held' | 'network-error' | 'pending';
  attempts: number;
  sentAt?: string;
}

const ATTEMPT_TIMEOUT_MS = 5000;

/** Sends S2S callbacks like PhonePe (Authorization = sha256hex(username:password)), with misbehaviour knobs. */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private held: Delivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(public settings: WebhookSettings) {}

  dispatch(body: WebhookBody): void {
    const { mode } = this.settings;
    const copies = mode.mode === 'duplicate' ? Math.max(1, mode.count) : 1;
    const password = mode.mode === 'bad-auth' ? `${this.settings.password}-tampered` : this.settings.password;
    const authorization = createHash('sha256').update(`${this.settings.username}:${password}`).digest('hex');
    for (let i = 0; i < copies; i += 1) {
      const delivery: Delivery = {
        id: randomUUID(),
        event: body.event,
        merchantOrderId: body.payload['merchantOrderId'] as string | undefined,
        merchantRefundId: body.payload['merchantRefundId'] as string | undefined,
        url: this.settings.url,
        authorization,
        body,
        outcome: 'pending',
        attempts: 0,
      };
      this.deliveries.push(delivery);
      this.route(delivery);
    }
  }

  /** Sends held (reorder mode) deliveries, newest first. */
  flush(): void {
    const held = this.held.reverse();
    this.held = [];
    for (const delivery of held) this.track(this.send(delivery));
  }

  /** Resolves once every started delivery (including its retries) has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held = [];
    this.deliveries.length = 0;
  }

  private route(delivery: Delivery): void {
    const { mode } = this.settings;
    if (mode.mode === 'drop') {
      delivery.outcome = 'dropped';
    } else if (mode.mode === 'reorder') {
      // Hold until a second callback exists, then deliver both in reverse order.
      delivery.outcome = 'held';
      this.held.push(delivery);
      if (this.held.length >= 2) this.flush();
    } else if (mode.mode === 'delay') {
      this.track(this.sleep(mode.ms).then(() => this.send(delivery)));
    } else {
      this.track(this.send(delivery));
    }
  }

  private track(work: Promise<void>): void {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.timers.add(timer);
    });
  }

  private async send(delivery: Delivery): Promise<void> {
    for (let attempt = 0; attempt <= this.settings.retries; attempt += 1) {
      if (attempt > 0) await this.sleep(this.settings.retryDelayMs * 2 ** (attempt - 1));
      delivery.attempts += 1;
      delivery.sentAt = new Date().toISOString();
      try {
        const response = await fetch(delivery.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: delivery.authorization },
          body: JSON.stringify(delivery.body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        await response.body?.cancel();
        delivery.outcome = response.status;
        if (response.status < 500) return;
      } catch {
        delivery.outcome = 'network-error';
      }
    }
  }
}
