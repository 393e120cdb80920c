import { Injectable } from '@nestjs/common';
import { Outbox } from '@raptorflow/api-email';
import { Tx } from '@raptorflow/api-platform';
import type { MandateWebhookEvent } from '../gateway/payment-gateway';
import { PaymentsRepository } from '../payments.repository';
import { MandateJobs } from './mandates.jobs';
import { MandatesRepository } from './mandates.repository';

/** A subscription callback (paused, unpaused, revoked, cancelled) is a hint: recorded once, it owes a status check. */
@Injectable()
export class MandateHints {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly mandates: MandatesRepository,
    private readonly outbox: Outbox,
  ) {}

  async record(tx: Tx, event: MandateWebhookEvent, bodyHash: string): Promise<{ outcome: string }> {
    const fresh = await this.payments.recordWebhook(tx, `${event.event}:${event.merchantSubscriptionId}:${bodyHash}`, event.event, null, event.state, event);
    if (!fresh) return { outcome: 'duplicate' };
    const mandate = await this.mandates.bySubscriptionId(tx, event.merchantSubscriptionId);
    if (!mandate) return { outcome: 'unknown subscription' };
    await this.outbox.add(tx, MandateJobs.check(mandate.merchant_subscription_id, mandate.status_checks, false));
    return { outcome: 'accepted' };
  }

  /** A callback about an Autopay setup order (approved or declined on the mandate screen) also owes the mandate a check. */
  async setupOrderChanged(tx: Tx, merchantOrderId: string): Promise<void> {
    const mandate = await this.mandates.bySetupOrder(tx, merchantOrderId);
    if (mandate?.state === 'pending') await this.outbox.add(tx, MandateJobs.check(mandate.merchant_subscription_id, mandate.status_checks, false));
  }

  /**
   * A term bought or extended moves the running mandate's next debit: the setup order may settle after the
   * mandate's activation (which found no paid term yet), and a trial's paid month starts at the trial end.
   */
  async termChanged(tx: Tx, workspaceId: string): Promise<void> {
    const mandate = await this.mandates.running(tx, workspaceId);
    if (mandate) await this.mandates.refreshNextDebit(tx, mandate.id);
  }
}
